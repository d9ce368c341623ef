/**
 * Benchmarks of DICOM networking, run as plain {@code main} programs (not tests): see {@link
 * org.pleura.dicom.net.bench.StoreScpBenchmark}.
 */
package org.pleura.dicom.net.bench;
