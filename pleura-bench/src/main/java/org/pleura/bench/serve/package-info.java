/**
 * The load benchmark of {@code pleura serve} ({@link org.pleura.bench.serve.ServeBenchmark}): parallel dcmtk
 * {@code storescu} senders, a real Orthanc as PACS, the server in its own JVM; throughput, time to result at the
 * PACS, peak memory and errors.
 */
package org.pleura.bench.serve;
