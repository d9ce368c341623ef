/**
 * The files {@code pleura evaluate} writes, in the shapes docs/formats.md fixes because scripts outside the code
 * read them: {@link org.pleura.train.eval.report.PredictionsCsv} ({@code path} as written in the manifest,
 * one score column per finding id, then {@code abnormal}), {@link org.pleura.train.eval.report.MetricsJson}
 * ({@code model}, {@code findings.<id>.auroc}, {@code auroc_ci95}, {@code operating_points}, {@code ece},
 * with {@code null} wherever a number is undefined) and {@link org.pleura.train.eval.report.HtmlReport}, a
 * single self-contained page (inline CSS and SVG, no script, no external font) with the tables, ROC curves,
 * reliability diagrams, the "aid, not a diagnosis" notice and the caveats a reader needs.
 * {@link org.pleura.train.eval.report.EvaluationReport} computes the metrics and writes all three.
 */
package org.pleura.train.eval.report;
