package org.pleura.train.manifest;

/**
 * What a manifest says about one finding on one image. {@link #UNKNOWN} (an empty cell, or no column for
 * the finding) is never read as negative: unknown labels are masked out of the loss and of the metrics for
 * that finding.
 */
public enum Label {
  /** The cell holds {@code 1}: the finding is present. */
  POSITIVE,
  /** The cell holds {@code 0}: the finding is absent. */
  NEGATIVE,
  /** The cell is empty or the manifest has no column for the finding. */
  UNKNOWN;

  /** @return true for {@link #POSITIVE} or {@link #NEGATIVE} */
  public boolean isKnown() {
    return this != UNKNOWN;
  }

  /**
   * Parses a label cell.
   *
   * @param cell the cell text, surrounding spaces ignored; {@code 1.0} and {@code 0.0} (any number equal
   *     to 1 or 0 written with digits and a point) are accepted
   * @return the label, or {@code null} when the text is not 1, 0 or empty
   */
  static Label parse(String cell) {
    String v = cell.strip();
    switch (v) {
      case "1":
        return POSITIVE;
      case "0":
        return NEGATIVE;
      case "":
        return UNKNOWN;
      default:
        break;
    }
    if (!v.matches("[0-9]*\\.?[0-9]*")) {
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      return d == 1 ? POSITIVE : d == 0 ? NEGATIVE : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
