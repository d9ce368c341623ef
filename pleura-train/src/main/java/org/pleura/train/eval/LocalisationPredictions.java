package org.pleura.train.eval;

import java.util.List;

/**
 * What the model says about where findings are: heat-map peaks (the detector gives one per image and
 * finding) and boxes (usually only for positive and doubtful calls).
 *
 * @param peaks heat-map peaks
 * @param boxes predicted boxes
 */
public record LocalisationPredictions(List<HeatmapPeak> peaks, List<PredictedBox> boxes) {

  /** Copies the lists. */
  public LocalisationPredictions {
    peaks = List.copyOf(peaks);
    boxes = List.copyOf(boxes);
  }
}
