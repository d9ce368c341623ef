package org.pleura.train.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The 95 % bootstrap confidence interval of the AUROC by the percentile method: draw resamples of the
 * patients with replacement ({@link BootstrapSettings}), each drawn patient bringing all of its images, compute
 * the AUROC of each resample, and take the 2.5th and 97.5th percentiles of those values, interpolated linearly
 * between order statistics (the definition of NumPy's default {@code percentile}: position {@code p * (B - 1)} in
 * the sorted values). Images of one patient are alike, so drawing them one by one would count one patient as
 * several independent observations and give too narrow an interval; when every image is its own patient this is
 * the ordinary bootstrap of images. Stratified resamples draw the patients with a positive image from those and
 * the others from the others. The percentile method has no bias correction; with few positives the interval is
 * wide and, at the extremes, asymmetric, which is the honest answer.
 *
 * <p>Resamples are drawn one at a time (memory stays proportional to the number of images, not to images
 * times resamples) and each resample's AUROC is computed in one pass over the images pre-sorted by score,
 * so 2000 resamples of 100,000 images take seconds, not minutes.
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
   * @return the 95 % interval, or empty when the data lacks a class (or, without stratification, when no
   *     resample has both classes)
   */
  public static Optional<Interval> auroc(ScoredLabels data, BootstrapSettings settings) {
    if (!data.hasBothClasses()) {
      return Optional.empty();
    }
    Sorted sorted = new Sorted(data);
    Sampler sampler = new Sampler(data, settings);
    double[] values = new double[settings.resamples()];
    int m = 0;
    for (int b = 0; b < settings.resamples(); b++) {
      double a = sorted.auroc(sampler.next(), sampler.length());
      if (!Double.isNaN(a)) {
        values[m++] = a;
      }
    }
    return interval(values, m);
  }

  /**
   * The resamples {@link #auroc} draws, as image indices, one row per resample (for checking against
   * another implementation; this holds every resample in memory). Stratified rows hold the images of the
   * resampled patients with a positive image first, then those of the others; rows differ in length when
   * patients have several images.
   *
   * @param data scores and labels
   * @param settings number of resamples, seed, stratification
   * @return {@code settings.resamples()} rows of indices into {@code data}
   */
  public static int[][] resampleIndices(ScoredLabels data, BootstrapSettings settings) {
    Sampler sampler = new Sampler(data, settings);
    int[][] rows = new int[settings.resamples()][];
    for (int b = 0; b < rows.length; b++) {
      rows[b] = Arrays.copyOf(sampler.next(), sampler.length());
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
    Sorted sorted = new Sorted(data);
    double[] values = new double[indices.length];
    int m = 0;
    for (int[] row : indices) {
      double a = sorted.auroc(row, row.length);
      if (!Double.isNaN(a)) {
        values[m++] = a;
      }
    }
    return interval(values, m);
  }

  private static Optional<Interval> interval(double[] values, int m) {
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

  /**
   * Draws resamples of patients from a seeded generator, in a fixed order of calls. With one image per
   * patient the calls, and so the resamples, are those of a bootstrap of images.
   */
  private static final class Sampler {
    private final SplittableRandom random;
    private final boolean stratified;
    private final int[][] imagesOf; // patient -> its images, patients in order of their first image
    private final int[] withPositive; // patients with a positive image
    private final int[] others;
    private int[] row;
    private int length;

    Sampler(ScoredLabels data, BootstrapSettings settings) {
      this.random = new SplittableRandom(settings.seed());
      this.stratified = settings.stratified();
      Map<Integer, List<Integer>> byPatient = new LinkedHashMap<>();
      for (int i = 0; i < data.size(); i++) {
        byPatient.computeIfAbsent(data.patientOf(i), k -> new ArrayList<>()).add(i);
      }
      this.imagesOf = byPatient.values().stream()
          .map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
      this.withPositive = IntStream.range(0, imagesOf.length)
          .filter(p -> Arrays.stream(imagesOf[p]).anyMatch(data::isPositive)).toArray();
      this.others = IntStream.range(0, imagesOf.length)
          .filter(p -> Arrays.stream(imagesOf[p]).noneMatch(data::isPositive)).toArray();
      this.row = new int[Math.max(1, data.size())];
    }

    /** @return the next resample's image indices, valid up to {@link #length()} */
    int[] next() {
      length = 0;
      if (stratified) {
        draw(withPositive);
        draw(others);
      } else {
        for (int k = 0; k < imagesOf.length; k++) {
          add(imagesOf[random.nextInt(imagesOf.length)]);
        }
      }
      return row;
    }

    int length() {
      return length;
    }

    private void draw(int[] patients) {
      for (int k = 0; k < patients.length; k++) {
        add(imagesOf[patients[random.nextInt(patients.length)]]);
      }
    }

    private void add(int[] images) {
      if (length + images.length > row.length) {
        row = Arrays.copyOf(row, Math.max(row.length * 2, length + images.length));
      }
      System.arraycopy(images, 0, row, length, images.length);
      length += images.length;
    }
  }

  /**
   * The images sorted by descending score, with tie groups marked, so that the AUROC of a multiset of them
   * is one sequential pass (the Mann-Whitney count of {@link Auroc}, with multiplicities).
   */
  private static final class Sorted {
    private final int[] rankOf; // image index -> position in descending score order
    private final boolean[] positive; // by position
    private final int[] groupEnd; // by position: one past the last position with the same score
    private final int[] weights;

    Sorted(ScoredLabels data) {
      int[] order = data.orderByDescendingScore();
      int n = order.length;
      rankOf = new int[n];
      positive = new boolean[n];
      groupEnd = new int[n];
      weights = new int[n];
      for (int r = 0; r < n; r++) {
        rankOf[order[r]] = r;
        positive[r] = data.isPositive(order[r]);
      }
      int r = 0;
      while (r < n) {
        int j = r;
        double s = data.score(order[r]);
        while (j < n && data.score(order[j]) == s) {
          j++;
        }
        for (int k = r; k < j; k++) {
          groupEnd[k] = j;
        }
        r = j;
      }
    }

    /** @return the AUROC of the multiset {@code row[0..length)}, NaN when it lacks a class */
    double auroc(int[] row, int length) {
      Arrays.fill(weights, 0);
      for (int k = 0; k < length; k++) {
        weights[rankOf[row[k]]]++;
      }
      long posAbove = 0;
      long twiceWins = 0;
      long pos = 0;
      long neg = 0;
      int r = 0;
      int n = weights.length;
      while (r < n) {
        int end = groupEnd[r];
        long gp = 0;
        long gn = 0;
        for (int k = r; k < end; k++) {
          if (positive[k]) {
            gp += weights[k];
          } else {
            gn += weights[k];
          }
        }
        twiceWins += 2 * posAbove * gn + gp * gn;
        posAbove += gp;
        pos += gp;
        neg += gn;
        r = end;
      }
      return pos == 0 || neg == 0 ? Double.NaN : twiceWins / (2.0 * pos * neg);
    }
  }
}
