package org.pleura.batch.store;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.pleura.batch.rows.FindingRow;
import org.pleura.batch.rows.ImageResult;

/** The columns of the two Parquet tables and the rows of one image (documented in {@code docs/batch.md}). */
public final class Tables {

    /** One row per image, model and finding; partitioned by {@code model_id} on disk. */
    public static final StructType FINDINGS = new StructType(new StructField[]{
            field("key", false), field("file", false), field("study_uid", true), field("series_uid", true),
            field("sop_uid", true), field("patient_pseudonym", true), field("study_date", true),
            field("model_id", false), field("model_version", true), field("finding_id", false),
            DataTypes.createStructField("score", DataTypes.DoubleType, false), field("call", false),
            field("regions", false), field("overlay", true)});

    /** One row per image: analysed, refused (with the reason) or failed (with the reason). */
    public static final StructType OUTCOMES = new StructType(new StructField[]{
            field("key", false), field("file", false), field("format", false), field("study_uid", true),
            field("series_uid", true), field("sop_uid", true), field("patient_pseudonym", true),
            field("study_date", true), field("status", false), field("reason", true),
            DataTypes.createStructField("retryable", DataTypes.BooleanType, false), field("models", false),
            DataTypes.createStructField("analysed_at", DataTypes.TimestampType, false)});

    private Tables() {
    }

    private static StructField field(String name, boolean nullable) {
        return DataTypes.createStructField(name, DataTypes.StringType, nullable);
    }

    /** The outcome row of an image. */
    public static Row outcome(ImageResult r) {
        return RowFactory.create(r.key(), r.file(), r.format(), r.studyUid(), r.seriesUid(), r.sopUid(),
                r.patientPseudonym(), r.studyDate(), r.status().column(), r.reason(), r.retryable(),
                String.join(",", r.models()), Timestamp.from(r.analysedAt()));
    }

    /** The finding rows of an image (none unless analysed). */
    public static List<Row> findings(ImageResult r) {
        List<Row> rows = new ArrayList<>(r.findings().size());
        for (FindingRow f : r.findings()) {
            rows.add(RowFactory.create(r.key(), r.file(), r.studyUid(), r.seriesUid(), r.sopUid(),
                    r.patientPseudonym(), r.studyDate(), f.modelId(), f.modelVersion(), f.findingId(), f.score(),
                    f.call(), f.regionsJson(), f.overlay()));
        }
        return rows;
    }
}
