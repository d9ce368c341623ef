/**
 * {@code pleura bench batch}: the throughput of {@code pleura batch} on Spark (local[1], local[2], a standalone
 * cluster of one master and two workers on localhost started from the batch jar's own Spark jars) next to
 * {@code pleura analyze --threads 2} on the same files. Runs each as its own process, as a user would: no Spark
 * class is linked here, so pleura-cli stays free of Spark.
 */
package org.pleura.bench.batch;
