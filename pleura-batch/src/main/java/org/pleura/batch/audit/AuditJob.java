package org.pleura.batch.audit;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.pleura.batch.BatchException;
import org.pleura.batch.input.PathNames;
import org.pleura.batch.store.BatchOutput;
import org.pleura.batch.store.BatchTables;

/**
 * The audit on Spark, read top to bottom in {@link #run}: the batch's findings (latest outcome of each image), the
 * labels file (a CSV with a {@code path} column relative to the CSV, or a {@code sop_instance_uid} column, then one
 * column per finding id with 1 for positive, 0 for negative, anything else unknown), one label row per image and
 * finding, joined with the findings by file or by SOP Instance UID; the discordant rows are those the model flags
 * whose label is 0, ranked by score within each finding.
 */
public final class AuditJob {

    private static final List<String> SOP_COLUMNS = List.of("sop_instance_uid", "sop_uid", "SOPInstanceUID");
    private final SparkSession spark;

    public AuditJob(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * @param batch  the output folder of {@code pleura batch}
     * @param labels the labels CSV (a local path or a URI)
     * @param calls  the calls that count as flagged ({@code positive}, {@code doubtful})
     */
    public AuditResult run(java.nio.file.Path batch, String labels, Set<String> calls) throws BatchException {
        BatchOutput output = new BatchOutput(batch);
        if (!Files.isDirectory(output.runs())) {
            throw new BatchException(output.root() + ": not the output of pleura batch (no runs/ folder)");
        }
        Dataset<Row> findings = new BatchTables(spark, output).findings();
        List<String> findingIds = findings.select("finding_id").distinct().as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList();

        Path labelsPath = new Path(labels);
        Dataset<Row> table;
        try {
            table = spark.read().option("header", "true").csv(labelsPath.toString());
        } catch (RuntimeException e) {
            throw new BatchException(labels + ": cannot read the labels (" + e.getMessage() + ")", e);
        }
        List<String> columns = Arrays.asList(table.columns());
        boolean byPath = columns.contains("path");
        String sopColumn = SOP_COLUMNS.stream().filter(columns::contains).findFirst().orElse(null);
        if (!byPath && sopColumn == null) {
            throw new BatchException(labels + ": the labels need a 'path' or 'sop_instance_uid' column (found: "
                    + String.join(", ", columns) + ")");
        }
        List<String> labelled = findingIds.stream().filter(columns::contains).sorted().toList();
        if (labelled.isEmpty()) {
            throw new BatchException(labels + ": no column is named after a finding of the batch (" + findingIds + ")");
        }
        String base;
        try {
            base = labelsPath.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(labelsPath)
                    .getParent().toString();
        } catch (java.io.IOException e) {
            throw new BatchException(labels + ": " + e.getMessage(), e);
        }
        spark.udf().register("pleura_resolve", (UDF1<String, String>) p -> resolve(base, p), DataTypes.StringType);
        Dataset<Row> keyed = table
                .withColumn("_file", byPath ? callUDF("pleura_resolve", col("path")) : lit(null).cast("string"))
                .withColumn("_sop", sopColumn != null ? trim(col("`" + sopColumn + "`")) : lit(null).cast("string"));
        long labelRows = keyed.count();

        Dataset<Row> longLabels = null;
        for (String f : labelled) {
            Dataset<Row> one = keyed.select(col("_file"), col("_sop"), lit(f).as("_finding"), trim(col("`" + f + "`")).as("_label"))
                    .filter(col("_label").isin("0", "1"));
            longLabels = longLabels == null ? one : longLabels.unionByName(one);
        }
        Dataset<Row> f = findings.select("key", "file", "sop_uid", "patient_pseudonym", "study_date", "model_id",
                "finding_id", "score", "call", "regions", "overlay");
        Dataset<Row> byFile = f.join(longLabels.filter(col("_file").isNotNull()),
                f.col("file").equalTo(col("_file")).and(f.col("finding_id").equalTo(col("_finding"))));
        Dataset<Row> bySop = f.join(longLabels.filter(col("_sop").isNotNull()),
                f.col("key").equalTo(concat(lit("sop:"), col("_sop"))).and(f.col("finding_id").equalTo(col("_finding"))));
        Dataset<Row> joined = byFile.unionByName(bySop).dropDuplicates("file", "model_id", "finding_id").cache();

        long matched = joined.select("file").distinct().count();
        Column negative = col("_label").equalTo("0");
        List<FindingTally> tallies = new ArrayList<>();
        for (Row r : joined.groupBy("finding_id").agg(count(lit(1)).as("labelled"),
                        sum(when(negative, 1).otherwise(0)).as("negative"),
                        sum(when(negative.and(col("call").equalTo("positive")), 1).otherwise(0)).as("positive"),
                        sum(when(negative.and(col("call").equalTo("doubtful")), 1).otherwise(0)).as("doubtful"))
                .orderBy("finding_id").collectAsList()) {
            tallies.add(new FindingTally(r.getString(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)));
        }
        List<Row> flagged = joined.filter(negative.and(col("call").isin(calls.toArray())))
                .orderBy(col("finding_id"), col("score").desc(), col("file")).collectAsList();
        joined.unpersist();
        List<Discordance> discordances = new ArrayList<>();
        Map<String, Integer> ranks = new HashMap<>();
        for (Row r : flagged) {
            String finding = r.getAs("finding_id");
            int rank = ranks.merge(finding, 1, Integer::sum);
            discordances.add(new Discordance(finding, rank, r.<Double>getAs("score"), r.getAs("call"),
                    r.getAs("patient_pseudonym"), r.getAs("study_date"), r.getAs("file"), r.getAs("sop_uid"),
                    r.getAs("model_id"), r.getAs("regions"), r.getAs("overlay")));
        }
        return new AuditResult(discordances, tallies, labelRows, matched);
    }

    /** A labels path resolved against the labels file's folder, named as the batch names files. */
    static String resolve(String base, String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Path p = new Path(path.strip());
        Path abs = p.isAbsolute() || p.toUri().getScheme() != null ? p : new Path(new Path(base), path.strip());
        return PathNames.display(abs.toUri().getScheme() == null ? new Path("file", null, abs.toUri().getPath()) : abs);
    }
}
