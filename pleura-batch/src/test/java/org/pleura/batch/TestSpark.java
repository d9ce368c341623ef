package org.pleura.batch;

import org.apache.spark.sql.SparkSession;
import org.pleura.batch.job.SparkSessions;

/** One local Spark session for every test class of this module (Spark allows one per JVM; starting one is slow). */
public final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    /** The session, local[2], started on first use and stopped when the test JVM exits. */
    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.create("local[2]", "pleura-batch tests");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
        }
        return session;
    }
}
