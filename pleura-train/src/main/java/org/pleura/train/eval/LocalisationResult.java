package org.pleura.train.eval;

import java.util.List;

/**
 * Localisation metrics per finding that has true boxes on the evaluated images, and pooled.
 *
 * @param perFinding one entry per finding with true boxes, in the evaluation's finding order
 * @param overall all true boxes and images pooled
 */
public record LocalisationResult(List<LocalisationStats> perFinding, LocalisationStats overall) {

  /** Copies the list. */
  public LocalisationResult {
    perFinding = List.copyOf(perFinding);
  }
}
