package org.pleura.batch.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.pleura.batch.BatchException;

/**
 * The tables of an output folder as Spark sees them, from committed runs only, with a {@code run} column. An image
 * has one outcome row per run that tried it (a retryable failure tried again later has two): {@link #outcomes}
 * keeps the latest; {@link #findings} keeps the findings of that latest run.
 */
public final class BatchTables {

    private final SparkSession spark;
    private final BatchOutput output;

    public BatchTables(SparkSession spark, BatchOutput output) {
        this.spark = spark;
        this.output = output;
    }

    /** Every committed outcome row, with its {@code run}. */
    public Dataset<Row> allOutcomes() throws BatchException {
        return read(output.outcomes(), Tables.OUTCOMES, false);
    }

    /** The latest outcome of each image. */
    public Dataset<Row> outcomes() throws BatchException {
        Dataset<Row> all = allOutcomes();
        return all.withColumn("_n", row_number().over(Window.partitionBy("key").orderBy(col("run").desc())))
                .filter(col("_n").equalTo(1)).drop("_n");
    }

    /** The findings of each image's latest outcome. */
    public Dataset<Row> findings() throws BatchException {
        Dataset<Row> latest = outcomes().filter(col("status").equalTo("analysed")).select(col("key").as("_k"),
                col("run").as("_r"));
        Dataset<Row> all = read(output.findings(), Tables.FINDINGS, true);
        return all.join(latest, all.col("key").equalTo(latest.col("_k")).and(all.col("run").equalTo(latest.col("_r"))),
                "left_semi");
    }

    private Dataset<Row> read(Path table, StructType schema, boolean partitionedByModel) throws BatchException {
        List<String> paths = new ArrayList<>();
        for (RunRecord r : new RunLedger(output).committed()) {
            Path p = table.resolve("run=" + r.run());
            if (Files.isDirectory(p)) {
                paths.add(p.toUri().toString());
            }
        }
        StructType withRun = schema.add("run", DataTypes.StringType, false);
        if (paths.isEmpty()) {
            return spark.createDataFrame(List.of(), withRun);
        }
        Dataset<Row> d = spark.read().option("basePath", table.toUri().toString()).parquet(paths.toArray(String[]::new));
        // the partition columns (run, and model_id for findings) come last: put the columns in the schema's order
        return d.select(java.util.Arrays.stream(withRun.fieldNames()).map(d::col).toArray(org.apache.spark.sql.Column[]::new));
    }
}
