package org.pleura.train.eval;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was evaluated.
 *
 * @param manifest the manifest file
 * @param manifestImages rows in the manifest
 * @param subset how the evaluated images were chosen
 * @param selectedImages images selected for evaluation
 * @param evaluatedImages images actually scored
 * @param skipped images that could not be scored, path to reason
 * @param boxesFile the true boxes file, if any
 * @param trueBoxes true boxes on evaluated images for findings the model reads
 * @param trainSplitImages evaluated images the manifest itself puts in its {@code train} split (counted only
 *     when every split comes from the file): if the model was trained on this manifest, they flatter it
 */
public record DataSummary(Path manifest, int manifestImages, String subset, int selectedImages, int evaluatedImages,
    Map<String, String> skipped, Path boxesFile, int trueBoxes, int trainSplitImages) {

  /** Copies the map. */
  public DataSummary {
    skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }
}
