package org.pleura.train.eval;

import java.util.OptionalDouble;

/**
 * One of a model's decision thresholds, as stored in its package, with what it achieved on the validation
 * data it was chosen from (for comparison with what it achieves on the evaluated data).
 *
 * @param threshold {@code score >= threshold} is called
 * @param validationSensitivity the sensitivity on validation, if recorded
 * @param validationSpecificity the specificity on validation, if recorded
 */
public record ModelThreshold(double threshold, OptionalDouble validationSensitivity,
    OptionalDouble validationSpecificity) {

  /** A threshold without validation figures. */
  public static ModelThreshold of(double threshold) {
    return new ModelThreshold(threshold, OptionalDouble.empty(), OptionalDouble.empty());
  }

  /** A threshold with its validation figures (NaN read as unrecorded). */
  public static ModelThreshold of(double threshold, double sensitivity, double specificity) {
    return new ModelThreshold(threshold, optional(sensitivity), optional(specificity));
  }

  private static OptionalDouble optional(double v) {
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
