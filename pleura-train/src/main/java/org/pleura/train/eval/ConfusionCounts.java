package org.pleura.train.eval;

/**
 * The four counts of a binary decision at one threshold ({@code score >= threshold} is called positive),
 * and the rates derived from them.
 *
 * @param truePositives positives called positive
 * @param falsePositives negatives called positive
 * @param trueNegatives negatives called negative
 * @param falseNegatives positives called negative
 */
public record ConfusionCounts(int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {

  /**
   * @param data scores and labels
   * @param threshold images with {@code score >= threshold} are called positive
   * @return the counts
   */
  public static ConfusionCounts at(ScoredLabels data, double threshold) {
    int tp = 0;
    int fp = 0;
    int tn = 0;
    int fn = 0;
    for (int i = 0; i < data.size(); i++) {
      boolean called = data.score(i) >= threshold;
      if (data.isPositive(i)) {
        if (called) {
          tp++;
        } else {
          fn++;
        }
      } else if (called) {
        fp++;
      } else {
        tn++;
      }
    }
    return new ConfusionCounts(tp, fp, tn, fn);
  }

  /** @return TP / (TP + FN) */
  public Proportion sensitivity() {
    return new Proportion(truePositives, truePositives + falseNegatives);
  }

  /** @return TN / (TN + FP) */
  public Proportion specificity() {
    return new Proportion(trueNegatives, trueNegatives + falsePositives);
  }

  /** @return positive predictive value TP / (TP + FP) */
  public Proportion ppv() {
    return new Proportion(truePositives, truePositives + falsePositives);
  }

  /** @return negative predictive value TN / (TN + FN) */
  public Proportion npv() {
    return new Proportion(trueNegatives, trueNegatives + falseNegatives);
  }
}
