package org.pleura.batch.job;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a batch. Without a master (under {@code spark-submit}) Spark's own configuration decides;
 * with {@code local[N]} Spark runs inside this JVM on N cores, its web UI off and its driver on the loopback
 * interface.
 */
public final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * The session (an existing one in this JVM is reused, as Spark allows only one context).
     *
     * @param master a Spark master URL ({@code local[2]}, {@code spark://host:7077}), or null to take Spark's
     *               configuration ({@code spark-submit --master})
     */
    public static SparkSession create(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().appName(appName)
                // partition values (run ids, model ids) stay strings
                .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.parquet.compression.codec", "zstd");
        String configured = System.getProperty("spark.master");
        if (master != null) {
            b.master(master);
        } else if (configured == null) {
            b.master("local[*]");
        }
        String effective = master != null ? master : configured == null ? "local[*]" : configured;
        if (effective.startsWith("local")) {
            b.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        return b.getOrCreate();
    }
}
