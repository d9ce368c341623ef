/**
 * Honest evaluation of a model's scores against manifest labels. The metrics work on {@link
 * org.pleura.train.eval.ScoredLabels} (one output's scores with known labels; unknown labels are dropped
 * per finding): {@link org.pleura.train.eval.Auroc} (exact Mann-Whitney, ties one half), {@link
 * org.pleura.train.eval.RocCurve}, {@link org.pleura.train.eval.BootstrapCi} (stratified percentile
 * bootstrap, fixed seed), {@link org.pleura.train.eval.OperatingPoints} (thresholds for a target sensitivity
 * or specificity, used by training to pick the {@code doubtful} and {@code positive} thresholds on
 * validation), {@link org.pleura.train.eval.ConfusionCounts} with Wilson intervals, {@link
 * org.pleura.train.eval.Calibration} (reliability bins and ECE) and {@link
 * org.pleura.train.eval.Localisation} (heat-map peak hits and box IoU). {@link
 * org.pleura.train.eval.Evaluator} applies them all to an {@link org.pleura.train.eval.EvaluationInput};
 * the {@code report} subpackage writes the files. Finding ids are plain strings handed in by the caller.
 */
package org.pleura.train.eval;
