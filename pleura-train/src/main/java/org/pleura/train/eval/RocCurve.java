package org.pleura.train.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ROC curve: one point per distinct score (taken as the threshold, {@code score >= threshold} is
 * positive), from (0, 0) at threshold {@code +Infinity} to (1, 1) at the lowest score. Tied scores move the
 * curve diagonally, which is why its trapezoidal {@link #area()} equals {@link Auroc}.
 *
 * @param points the points by descending threshold
 */
public record RocCurve(List<RocPoint> points) {

  /** Copies the list. */
  public RocCurve {
    points = List.copyOf(points);
  }

  /**
   * @param data scores and labels
   * @return the curve, or empty when a class is missing (a rate would divide by zero)
   */
  public static Optional<RocCurve> of(ScoredLabels data) {
    if (!data.hasBothClasses()) {
      return Optional.empty();
    }
    int p = data.positives();
    int n = data.negatives();
    List<RocPoint> pts = new ArrayList<>();
    pts.add(new RocPoint(Double.POSITIVE_INFINITY, 0, 0));
    for (ScoredLabels.Level l : data.levels()) {
      pts.add(new RocPoint(l.score(), (double) l.fp() / n, (double) l.tp() / p));
    }
    return Optional.of(new RocCurve(pts));
  }

  /** @return the trapezoidal area under the curve */
  public double area() {
    double a = 0;
    for (int i = 1; i < points.size(); i++) {
      RocPoint u = points.get(i - 1);
      RocPoint v = points.get(i);
      a += (v.falsePositiveRate() - u.falsePositiveRate()) * (v.truePositiveRate() + u.truePositiveRate()) / 2;
    }
    return a;
  }
}
