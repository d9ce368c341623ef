/**
 * Counters, gauges and histograms rendered in the Prometheus text format for {@code GET /metrics}. Written by
 * hand (a few dozen lines) rather than pulled in as a metrics library: the server needs a handful of series and
 * their names are part of its contract.
 */
package org.pleura.server.metrics;
