package org.pleura.train.eval;

import java.util.List;
import java.util.Optional;

/**
 * Chooses decision thresholds on validation data. Pleura's two calls per finding use
 * {@link #DOUBTFUL_SENSITIVITY} (a {@code doubtful} threshold that misses few positives) and
 * {@link #POSITIVE_SPECIFICITY} (a {@code positive} threshold that raises few false alarms).
 *
 * <p>Only the ranking of the scores matters: between two adjacent distinct scores every threshold gives
 * the same calls on the data, so the threshold returned is the midpoint of the chosen gap (the lowest
 * score itself when every image is called positive, and a value above the highest score, at most
 * {@code (max + 1) / 2} for scores below 1, when none is). A target counts as reached when the achieved
 * rate is at least {@code target - 1e-12} (so that 0.9 of 10 is reached by 9 of 10 despite rounding).
 *
 * <pre>{@code
 * ThresholdChoice doubtful = OperatingPoints.forSensitivity(val, 0.90).orElseThrow();
 * ThresholdChoice positive = OperatingPoints.forSpecificity(val, 0.90).orElseThrow();
 * }</pre>
 */
public final class OperatingPoints {

  /** Default target sensitivity of the {@code doubtful} threshold. */
  public static final double DOUBTFUL_SENSITIVITY = 0.90;
  /** Default target specificity of the {@code positive} threshold. */
  public static final double POSITIVE_SPECIFICITY = 0.90;
  private static final double EPS = 1e-12;

  private OperatingPoints() {}

  /**
   * The highest threshold whose sensitivity is at least the target (the best specificity among them).
   *
   * @param data validation scores and labels
   * @param target the target sensitivity in (0, 1]
   * @return the choice, or empty when the data has no positive
   */
  public static Optional<ThresholdChoice> forSensitivity(ScoredLabels data, double target) {
    checkTarget(target);
    int p = data.positives();
    if (p == 0) {
      return Optional.empty();
    }
    List<ScoredLabels.Level> levels = data.levels();
    for (int k = 0; k < levels.size(); k++) {
      if ((double) levels.get(k).tp() / p >= target - EPS) {
        return Optional.of(choice(data, TargetKind.SENSITIVITY, target, levels, k + 1));
      }
    }
    throw new IllegalStateException("unreachable: calling every image positive gives sensitivity 1");
  }

  /**
   * The lowest threshold whose specificity is at least the target (the best sensitivity among them).
   *
   * @param data validation scores and labels
   * @param target the target specificity in (0, 1]
   * @return the choice, or empty when the data has no negative
   */
  public static Optional<ThresholdChoice> forSpecificity(ScoredLabels data, double target) {
    checkTarget(target);
    int n = data.negatives();
    if (n == 0) {
      return Optional.empty();
    }
    List<ScoredLabels.Level> levels = data.levels();
    int best = 0; // number of top score levels called positive; 0 (nothing positive) has specificity 1
    for (int k = 0; k < levels.size(); k++) {
      if ((double) (n - levels.get(k).fp()) / n >= target - EPS) {
        best = k + 1;
      } else {
        break;
      }
    }
    return Optional.of(choice(data, TargetKind.SPECIFICITY, target, levels, best));
  }

  private static ThresholdChoice choice(ScoredLabels data, TargetKind kind, double target,
      List<ScoredLabels.Level> levels, int calledLevels) {
    double threshold;
    if (calledLevels == 0) {
      double max = levels.get(0).score();
      threshold = max < 1 ? (max + 1) / 2 : Math.nextUp(max);
    } else if (calledLevels == levels.size()) {
      threshold = levels.get(levels.size() - 1).score();
    } else {
      threshold = midpoint(levels.get(calledLevels).score(), levels.get(calledLevels - 1).score());
    }
    ConfusionCounts c = ConfusionCounts.at(data, threshold);
    return new ThresholdChoice(kind, target, threshold, c.sensitivity().estimate().orElse(Double.NaN),
        c.specificity().estimate().orElse(Double.NaN), c);
  }

  /** A midpoint strictly above {@code lo} and at most {@code hi}, even for adjacent doubles. */
  private static double midpoint(double lo, double hi) {
    double m = lo + (hi - lo) / 2;
    return m > lo ? m : hi;
  }

  private static void checkTarget(double target) {
    if (!(target > 0 && target <= 1)) {
      throw new IllegalArgumentException("a target rate must be in (0, 1], got " + target);
    }
  }

}
