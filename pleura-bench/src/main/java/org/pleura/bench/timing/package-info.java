/** Summaries of repeated measurements shared by the benchmarks: medians and quantiles of times. */
package org.pleura.bench.timing;
