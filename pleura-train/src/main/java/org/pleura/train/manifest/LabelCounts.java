package org.pleura.train.manifest;

/**
 * How many images are positive, negative and unknown for one finding.
 *
 * @param positives images labelled 1
 * @param negatives images labelled 0
 * @param unknown images with an empty cell or no column
 */
public record LabelCounts(int positives, int negatives, int unknown) {

  /** @return positives + negatives + unknown */
  public int total() {
    return positives + negatives + unknown;
  }

  /** @return true when there is at least one positive and one negative (AUROC is defined) */
  public boolean hasBothClasses() {
    return positives > 0 && negatives > 0;
  }
}
