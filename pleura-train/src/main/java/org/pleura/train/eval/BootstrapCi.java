package org.pleura.train.eval;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The 95 % bootstrap confidence interval of the AUROC by the percentile method: draw resamples of the
 * images with replacement ({@link BootstrapSettings}), compute the AUROC of each, and take the 2.5th and
 * 97.5th percentiles of those values, interpolated linearly between order statistics (the definition of
 * NumPy's default {@code percentile}: position {@code p * (B - 1)} in the sorted values). The percentile
 * method has no bias correction; with few positives the interval is wide and, at the extremes,
 * asymmetric, which is the honest answer.
 *
 * <pre>{@code
 * Optional<Interval> ci = BootstrapCi.auroc(data, BootstrapSettings.DEFAULT);
 * }</pre>
 */
public final class BootstrapCi {

  private BootstrapCi() {}

  /**
   * @param data scores and labels
   * @param settings number of resamples, seed, stratification
   * @return the 95 % interval, or empty when the data lacks a class
   */
  public static Optional<Interval> auroc(ScoredLabels data, BootstrapSettings settings) {
    if (!data.hasBothClasses()) {
      return Optional.empty();
    }
    return aurocFromIndices(data, resampleIndices(data, settings));
  }

  /**
   * The resamples as image indices, one row per resample, each row as long as the data. Stratified rows
   * hold the resampled positives first, then the resampled negatives.
   *
   * @param data scores and labels
   * @param settings number of resamples, seed, stratification
   * @return {@code settings.resamples()} rows of indices into {@code data}
   */
  public static int[][] resampleIndices(ScoredLabels data, BootstrapSettings settings) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    int n = data.size();
    int[] pos = java.util.stream.IntStream.range(0, n).filter(data::isPositive).toArray();
    int[] neg = java.util.stream.IntStream.range(0, n).filter(i -> !data.isPositive(i)).toArray();
    int[][] rows = new int[settings.resamples()][n];
    for (int[] row : rows) {
      if (settings.stratified()) {
        for (int k = 0; k < pos.length; k++) {
          row[k] = pos[random.nextInt(pos.length)];
        }
        for (int k = 0; k < neg.length; k++) {
          row[pos.length + k] = neg[random.nextInt(neg.length)];
        }
      } else {
        for (int k = 0; k < n; k++) {
          row[k] = random.nextInt(n);
        }
      }
    }
    return rows;
  }

  /**
   * The percentile interval over given resamples (resamples lacking a class are skipped).
   *
   * @param data scores and labels
   * @param indices resamples as rows of image indices
   * @return the 95 % interval, or empty when no resample had both classes
   */
  public static Optional<Interval> aurocFromIndices(ScoredLabels data, int[][] indices) {
    int[] order = data.orderByDescendingScore();
    int[] weights = new int[data.size()];
    double[] values = new double[indices.length];
    int m = 0;
    for (int[] row : indices) {
      Arrays.fill(weights, 0);
      for (int i : row) {
        weights[i]++;
      }
      OptionalDouble a = Auroc.weighted(data, order, weights);
      if (a.isPresent()) {
        values[m++] = a.getAsDouble();
      }
    }
    if (m == 0) {
      return Optional.empty();
    }
    double[] v = Arrays.copyOf(values, m);
    Arrays.sort(v);
    return Optional.of(new Interval(percentile(v, 2.5), percentile(v, 97.5)));
  }

  /**
   * Linear interpolation between order statistics (NumPy's default method).
   *
   * @param sorted ascending values, at least one
   * @param p the percentile in [0, 100]
   * @return the percentile
   */
  static double percentile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
