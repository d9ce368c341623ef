package org.pleura.train.manifest;

/**
 * The fractions of patients a derived split sends to train, validation and test.
 *
 * @param train fraction of patients in {@link Split#TRAIN}
 * @param val fraction of patients in {@link Split#VAL}
 * @param test fraction of patients in {@link Split#TEST}
 */
public record SplitRatios(double train, double val, double test) {

  /** 80 % train, 10 % validation, 10 % test. */
  public static final SplitRatios DEFAULT = new SplitRatios(0.8, 0.1, 0.1);

  /** Checks the fractions are in [0, 1] and sum to 1 (within 1e-9). */
  public SplitRatios {
    for (double f : new double[] {train, val, test}) {
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException("split fractions must be in [0, 1], got " + train + "/" + val + "/" + test);
      }
    }
    if (Math.abs(train + val + test - 1) > 1e-9) {
      throw new IllegalArgumentException("split fractions must sum to 1, got " + train + "/" + val + "/" + test);
    }
  }
}
