package org.pleura.train.eval;

/**
 * A two-sided confidence interval.
 *
 * @param lower lower bound
 * @param upper upper bound, not below {@code lower}
 */
public record Interval(double lower, double upper) {

  /** Checks the bounds are ordered. */
  public Interval {
    if (!(lower <= upper)) {
      throw new IllegalArgumentException("interval bounds out of order: [" + lower + ", " + upper + "]");
    }
  }
}
