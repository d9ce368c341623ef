package org.pleura.train.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Calibration of scores read as probabilities: the reliability diagram and the expected calibration
 * error. Scores are put in {@code bins} equal-width bins over [0, 1] (default 10: [0, 0.1), [0.1, 0.2), …,
 * [0.9, 1.0], the last bin closed); the ECE is the mean over images of the gap between their bin's mean
 * score and its observed positive rate, {@code ECE = Σ_b (n_b / N) · |mean score_b − positive rate_b|}.
 * Equal-width bins are the common definition (Guo et al. 2017); empty bins contribute nothing.
 *
 * @param bins the bins from 0 to 1
 * @param ece the expected calibration error in [0, 1], NaN when there are no images
 */
public record Calibration(List<ReliabilityBin> bins, double ece) {

  /** The default number of bins. */
  public static final int DEFAULT_BINS = 10;

  /** Copies the list. */
  public Calibration {
    bins = List.copyOf(bins);
  }

  /** @return the calibration with {@link #DEFAULT_BINS} bins */
  public static Calibration of(ScoredLabels data) {
    return of(data, DEFAULT_BINS);
  }

  /**
   * @param data scores in [0, 1] and labels
   * @param binCount the number of equal-width bins, at least 1
   * @return the bins and the ECE
   * @throws IllegalArgumentException when a score is outside [0, 1]
   */
  public static Calibration of(ScoredLabels data, int binCount) {
    if (binCount < 1) {
      throw new IllegalArgumentException("need at least one bin, got " + binCount);
    }
    int[] count = new int[binCount];
    int[] positives = new int[binCount];
    double[] sum = new double[binCount];
    for (int i = 0; i < data.size(); i++) {
      double s = data.score(i);
      if (s < 0 || s > 1) {
        throw new IllegalArgumentException("score " + s + " of image " + i + " is outside [0, 1]; calibration"
            + " needs probabilities");
      }
      int b = Math.min((int) Math.floor(s * binCount), binCount - 1);
      count[b]++;
      sum[b] += s;
      positives[b] += data.isPositive(i) ? 1 : 0;
    }
    List<ReliabilityBin> bins = new ArrayList<>(binCount);
    double ece = 0;
    for (int b = 0; b < binCount; b++) {
      double lower = (double) b / binCount;
      double upper = (double) (b + 1) / binCount;
      if (count[b] == 0) {
        bins.add(new ReliabilityBin(lower, upper, 0, OptionalDouble.empty(), OptionalDouble.empty()));
        continue;
      }
      double mean = sum[b] / count[b];
      double rate = (double) positives[b] / count[b];
      bins.add(new ReliabilityBin(lower, upper, count[b], OptionalDouble.of(mean), OptionalDouble.of(rate)));
      ece += (double) count[b] / data.size() * Math.abs(mean - rate);
    }
    return new Calibration(bins, data.size() == 0 ? Double.NaN : ece);
  }
}
