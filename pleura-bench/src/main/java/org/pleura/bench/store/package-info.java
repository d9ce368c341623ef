/**
 * Benchmarks of DICOM networking, run as plain {@code main} programs (not tests): see {@link
 * org.pleura.bench.store.StoreScpBenchmark}.
 */
package org.pleura.bench.store;
