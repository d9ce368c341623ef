package org.pleura.train.eval.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pleura.train.eval.LocalisationPredictions;
import org.pleura.train.eval.ScoreTable;

/**
 * What a detector said about the images of a manifest.
 *
 * @param scores a row per scored image: one score per finding id, then {@code abnormal}
 * @param localisation the heat-map peak of every finding on every scored image, and the boxes drawn
 * @param skipped images that could not be scored, path to reason
 */
public record ScoredManifest(ScoreTable scores, LocalisationPredictions localisation, Map<String, String> skipped) {

  /** Copies the map. */
  public ScoredManifest {
    skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }
}
