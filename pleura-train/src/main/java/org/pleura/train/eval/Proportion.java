package org.pleura.train.eval;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A proportion such as a sensitivity: successes out of trials, with its Wilson score interval.
 *
 * @param successes the numerator
 * @param trials the denominator (0 makes the proportion undefined)
 */
public record Proportion(int successes, int trials) {

  private static final double Z95 = 1.959963984540054;

  /** Checks 0 <= successes <= trials. */
  public Proportion {
    if (successes < 0 || trials < successes) {
      throw new IllegalArgumentException("proportion " + successes + "/" + trials + " is impossible");
    }
  }

  /** @return successes / trials, or empty when there are no trials */
  public OptionalDouble estimate() {
    return trials == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) successes / trials);
  }

  /**
   * The Wilson score 95 % interval: {@code (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)}, which
   * stays inside [0, 1] and behaves at 0/n and n/n, unlike the normal approximation.
   *
   * @return the interval, or empty when there are no trials
   */
  public Optional<Interval> wilson95() {
    if (trials == 0) {
      return Optional.empty();
    }
    double n = trials;
    double p = successes / n;
    double z2 = Z95 * Z95;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    return Optional.of(new Interval(Math.max(0, centre - half), Math.min(1, centre + half)));
  }
}
