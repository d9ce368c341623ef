/**
 * Measurements: {@link org.pleura.bench.analyze.AnalyzeBenchmark} (end-to-end time per radiograph by stage, next
 * to the bare forward pass) and {@link org.pleura.bench.analyze.InputCheckSurvey} (what the input checks catch
 * on non-chest images, headerless copies and synthetic pictures, and how many real chest radiographs they refuse).
 */
package org.pleura.bench.analyze;
