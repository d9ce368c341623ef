package org.pleura.train.eval;

import java.util.OptionalDouble;

/**
 * The area under the ROC curve computed exactly as the Mann-Whitney statistic: the fraction of
 * (positive, negative) pairs in which the positive scores higher, a tie counting one half. This equals the
 * trapezoidal area under the ROC curve (what scikit-learn's {@code roc_auc_score} computes). Pair counts
 * are exact integers, so the only rounding is the final division.
 *
 * <pre>{@code
 * OptionalDouble auc = Auroc.of(ScoredLabels.of(scores, labels)); // empty when one class is missing
 * }</pre>
 */
public final class Auroc {

  private Auroc() {}

  /**
   * @param data scores and labels
   * @return the AUROC in [0, 1], or empty when there is no positive or no negative
   */
  public static OptionalDouble of(ScoredLabels data) {
    int[] order = data.orderByDescendingScore();
    int[] weights = new int[data.size()];
    java.util.Arrays.fill(weights, 1);
    return weighted(data, order, weights);
  }

  /**
   * The AUROC of a multiset of the images: image i counted {@code weights[i]} times (a bootstrap resample).
   *
   * @param data scores and labels
   * @param order the image indices by descending score ({@link ScoredLabels#orderByDescendingScore()})
   * @param weights how many times each image is counted, non-negative
   * @return the AUROC, or empty when the multiset lacks a class
   */
  static OptionalDouble weighted(ScoredLabels data, int[] order, int[] weights) {
    long posAbove = 0; // weighted positives with a strictly higher score than the current tie group
    long twiceWins = 0; // twice the number of (pos, neg) pairs the positive wins, ties counting one
    long pos = 0;
    long neg = 0;
    int i = 0;
    while (i < order.length) {
      double s = data.score(order[i]);
      long groupPos = 0;
      long groupNeg = 0;
      int j = i;
      while (j < order.length && data.score(order[j]) == s) {
        int w = weights[order[j]];
        if (data.isPositive(order[j])) {
          groupPos += w;
        } else {
          groupNeg += w;
        }
        j++;
      }
      twiceWins += 2 * posAbove * groupNeg + groupPos * groupNeg;
      posAbove += groupPos;
      pos += groupPos;
      neg += groupNeg;
      i = j;
    }
    if (pos == 0 || neg == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(twiceWins / (2.0 * pos * neg));
  }
}
