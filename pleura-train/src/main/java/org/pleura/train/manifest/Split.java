package org.pleura.train.manifest;

import java.util.Locale;
import java.util.Optional;

/** The subset an image belongs to. Splits are always by patient: all images of a patient share one. */
public enum Split {
  /** Used to fit the weights. */
  TRAIN,
  /** Used to select the model (early stopping) and to choose operating points. */
  VAL,
  /** Used once, to report the final metrics. */
  TEST;

  /** @return the manifest spelling: {@code train}, {@code val} or {@code test} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a manifest cell ({@code train}, {@code val}, {@code test}; case and surrounding spaces ignored;
   * {@code validation} accepted for {@code val}).
   *
   * @param cell the cell text
   * @return the split, or empty when the text is none of these
   */
  public static Optional<Split> parse(String cell) {
    return switch (cell.strip().toLowerCase(Locale.ROOT)) {
      case "train" -> Optional.of(TRAIN);
      case "val", "validation" -> Optional.of(VAL);
      case "test" -> Optional.of(TEST);
      default -> Optional.empty();
    };
  }
}
