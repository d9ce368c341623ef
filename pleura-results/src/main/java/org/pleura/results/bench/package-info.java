/**
 * Measurements: {@link org.pleura.results.bench.AnalyzeBenchmark} (end-to-end time per radiograph by stage, next
 * to the bare forward pass) and {@link org.pleura.results.bench.InputCheckSurvey} (what the input checks catch
 * on non-chest images, headerless copies and synthetic pictures, and how many real chest radiographs they refuse).
 */
package org.pleura.results.bench;
