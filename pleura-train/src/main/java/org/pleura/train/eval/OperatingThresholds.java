package org.pleura.train.eval;

import java.util.Objects;

/**
 * The two thresholds of an output's three-level call.
 *
 * @param doubtful chosen for a target sensitivity (default 0.90): few findings fall below it
 * @param positive chosen for a target specificity (default 0.90): few false alarms above it
 */
public record OperatingThresholds(ModelThreshold doubtful, ModelThreshold positive) {

  /** The names used in {@code metrics.json} and the report, in display order. */
  public static final java.util.List<String> NAMES = java.util.List.of("doubtful", "positive");

  /** Checks both are given. */
  public OperatingThresholds {
    Objects.requireNonNull(doubtful, "doubtful");
    Objects.requireNonNull(positive, "positive");
  }

  /**
   * Chooses both thresholds on validation data with {@link OperatingPoints}.
   *
   * @param validation validation scores and labels
   * @param targetSensitivity target of the doubtful threshold
   * @param targetSpecificity target of the positive threshold
   * @return the thresholds, or empty when the validation data lacks a class
   */
  public static java.util.Optional<OperatingThresholds> choose(ScoredLabels validation, double targetSensitivity,
      double targetSpecificity) {
    var d = OperatingPoints.forSensitivity(validation, targetSensitivity);
    var p = OperatingPoints.forSpecificity(validation, targetSpecificity);
    if (d.isEmpty() || p.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(new OperatingThresholds(
        ModelThreshold.of(d.get().threshold(), d.get().sensitivity(), d.get().specificity()),
        ModelThreshold.of(p.get().threshold(), p.get().sensitivity(), p.get().specificity())));
  }

  /** @return the threshold with the given name ({@code doubtful} or {@code positive}) */
  public ModelThreshold named(String name) {
    return switch (name) {
      case "doubtful" -> doubtful;
      case "positive" -> positive;
      default -> throw new IllegalArgumentException("no operating point named '" + name + "'");
    };
  }
}
