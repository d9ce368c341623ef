package org.pleura.train.eval;

import java.util.Arrays;
import java.util.List;
import org.pleura.train.manifest.Label;

/**
 * The scores of one output on a set of images with known binary labels: the input of every metric here.
 * Build it with {@link #of(double[], List)} from manifest labels, which drops unknown labels (they are
 * excluded per finding, never counted as negative).
 *
 * <p>The arrays are copied on the way in and out; equality is by content.
 *
 * @param scores the scores, finite
 * @param positive {@code true} where the image has the finding
 */
public record ScoredLabels(double[] scores, boolean[] positive) {

  /** Checks the lengths match and the scores are finite, and copies. */
  public ScoredLabels {
    if (scores.length != positive.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("score " + i + " is " + scores[i] + "; scores must be finite numbers");
      }
    }
    scores = scores.clone();
    positive = positive.clone();
  }

  /**
   * Pairs scores with tri-state labels, keeping only the images whose label is known.
   *
   * @param scores one score per image
   * @param labels one label per image, same order
   * @return the images with a known label
   */
  public static ScoredLabels of(double[] scores, List<Label> labels) {
    if (scores.length != labels.size()) {
      throw new IllegalArgumentException(scores.length + " scores but " + labels.size() + " labels");
    }
    int n = (int) labels.stream().filter(Label::isKnown).count();
    double[] s = new double[n];
    boolean[] p = new boolean[n];
    int k = 0;
    for (int i = 0; i < scores.length; i++) {
      if (labels.get(i).isKnown()) {
        s[k] = scores[i];
        p[k++] = labels.get(i) == Label.POSITIVE;
      }
    }
    return new ScoredLabels(s, p);
  }

  @Override
  public double[] scores() {
    return scores.clone();
  }

  @Override
  public boolean[] positive() {
    return positive.clone();
  }

  /** @return the number of images */
  public int size() {
    return scores.length;
  }

  /** @return the score of image i */
  public double score(int i) {
    return scores[i];
  }

  /** @return whether image i is positive */
  public boolean isPositive(int i) {
    return positive[i];
  }

  /** @return the number of positive images */
  public int positives() {
    int n = 0;
    for (boolean b : positive) {
      n += b ? 1 : 0;
    }
    return n;
  }

  /** @return the number of negative images */
  public int negatives() {
    return positive.length - positives();
  }

  /** @return true when there is at least one positive and one negative image */
  public boolean hasBothClasses() {
    int p = positives();
    return p > 0 && p < positive.length;
  }

  /** @return the image indices ordered by descending score (ties in index order) */
  int[] orderByDescendingScore() {
    return java.util.stream.IntStream.range(0, scores.length).boxed()
        .sorted((a, b) -> Double.compare(scores[b], scores[a]))
        .mapToInt(Integer::intValue).toArray();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoredLabels other && Arrays.equals(scores, other.scores)
        && Arrays.equals(positive, other.positive);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(scores) + Arrays.hashCode(positive);
  }

  @Override
  public String toString() {
    return "ScoredLabels[n=" + size() + ", positives=" + positives() + "]";
  }
}
