/**
 * Running a model package over a manifest and evaluating it: {@link
 * org.pleura.train.eval.run.DetectorEvaluation} loads the {@link org.pleura.model.Detector}, scores every
 * selected image (in parallel, with a {@link org.pleura.train.eval.run.ConsoleProgressBar}), collects the
 * heat-map peaks and boxes, turns the package's thresholds into operating points, and hands all of it to
 * {@link org.pleura.train.eval.report.EvaluationReport}. It is the glue behind {@code pleura evaluate};
 * the metrics themselves live in {@code org.pleura.train.eval} and know nothing of models.
 */
package org.pleura.train.eval.run;
