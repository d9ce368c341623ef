package org.pleura.train.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pleura.train.manifest.Label;

/**
 * The scores of one output on a set of images with known binary labels: the input of every metric here.
 * Build it with {@link #of(double[], List)} from manifest labels, which drops unknown labels (they are
 * excluded per finding, never counted as negative).
 *
 * <p>Images of one patient are not independent: {@code patient} numbers each image's patient, so that the
 * bootstrap draws a patient's images together ({@link BootstrapCi}). Without it every image is its own patient.
 *
 * <p>The arrays are copied on the way in and out; equality is by content.
 *
 * @param scores the scores, finite
 * @param positive {@code true} where the image has the finding
 * @param patient the patient of each image, numbered from 0 (images of one patient share a number)
 */
public record ScoredLabels(double[] scores, boolean[] positive, int[] patient) {

  /** Every image its own patient. */
  public ScoredLabels(double[] scores, boolean[] positive) {
    this(scores, positive, java.util.stream.IntStream.range(0, scores.length).toArray());
  }

  /** Checks the lengths match and the scores are finite, and copies. */
  public ScoredLabels {
    if (scores.length != positive.length || scores.length != patient.length) {
      throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels and "
          + patient.length + " patients");
    }
    for (int p : patient) {
      if (p < 0) {
        throw new IllegalArgumentException("patient numbers start at 0, got " + p);
      }
    }
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("score " + i + " is " + scores[i] + "; scores must be finite numbers");
      }
    }
    scores = scores.clone();
    positive = positive.clone();
    patient = patient.clone();
  }

  /**
   * Pairs scores with tri-state labels, keeping only the images whose label is known.
   *
   * @param scores one score per image
   * @param labels one label per image, same order
   * @return the images with a known label
   */
  public static ScoredLabels of(double[] scores, List<Label> labels) {
    return of(scores, labels, java.util.stream.IntStream.range(0, labels.size()).mapToObj(Integer::toString)
        .toList());
  }

  /**
   * Pairs scores with tri-state labels and the patient of each image, keeping only the images whose label is
   * known.
   *
   * @param scores one score per image
   * @param labels one label per image, same order
   * @param patients one patient key per image, same order (e.g. {@code ManifestEntry.patientKey()})
   * @return the images with a known label
   */
  public static ScoredLabels of(double[] scores, List<Label> labels, List<String> patients) {
    if (scores.length != labels.size() || scores.length != patients.size()) {
      throw new IllegalArgumentException(scores.length + " scores but " + labels.size() + " labels and "
          + patients.size() + " patients");
    }
    int n = (int) labels.stream().filter(Label::isKnown).count();
    double[] s = new double[n];
    boolean[] p = new boolean[n];
    int[] c = new int[n];
    java.util.Map<String, Integer> number = new java.util.HashMap<>();
    int k = 0;
    for (int i = 0; i < scores.length; i++) {
      if (labels.get(i).isKnown()) {
        s[k] = scores[i];
        p[k] = labels.get(i) == Label.POSITIVE;
        c[k++] = number.computeIfAbsent(patients.get(i), key -> number.size());
      }
    }
    return new ScoredLabels(s, p, c);
  }

  @Override
  public double[] scores() {
    return scores.clone();
  }

  @Override
  public boolean[] positive() {
    return positive.clone();
  }

  @Override
  public int[] patient() {
    return patient.clone();
  }

  /** @return the patient number of image i */
  public int patientOf(int i) {
    return patient[i];
  }

  /** @return the number of patients */
  public int patients() {
    return (int) Arrays.stream(patient).distinct().count();
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

  /**
   * The distinct scores, descending, each with the true and false positives when every image scoring at least that
   * much is called positive: the thresholds an ROC curve or an operating point can take.
   */
  List<Level> levels() {
    int[] order = orderByDescendingScore();
    List<Level> levels = new ArrayList<>();
    int tp = 0;
    int fp = 0;
    int i = 0;
    while (i < order.length) {
      double s = scores[order[i]];
      while (i < order.length && scores[order[i]] == s) {
        if (positive[order[i]]) {
          tp++;
        } else {
          fp++;
        }
        i++;
      }
      levels.add(new Level(s, tp, fp));
    }
    return levels;
  }

  /**
   * One score level.
   *
   * @param score the score
   * @param tp    positives scoring at least {@code score}
   * @param fp    negatives scoring at least {@code score}
   */
  record Level(double score, int tp, int fp) {}

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoredLabels other && Arrays.equals(scores, other.scores)
        && Arrays.equals(positive, other.positive) && Arrays.equals(patient, other.patient);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(scores) + Arrays.hashCode(positive)) + Arrays.hashCode(patient);
  }

  @Override
  public String toString() {
    return "ScoredLabels[n=" + size() + ", positives=" + positives() + ", patients=" + patients() + "]";
  }
}
