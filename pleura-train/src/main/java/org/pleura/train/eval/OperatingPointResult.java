package org.pleura.train.eval;

/**
 * How one of the model's thresholds performs on the evaluated images.
 *
 * @param name {@code doubtful} or {@code positive}
 * @param threshold the model's threshold and its validation figures
 * @param counts the confusion counts on the evaluated images (sensitivity, specificity, PPV, NPV derive
 *     from them, with Wilson intervals)
 */
public record OperatingPointResult(String name, ModelThreshold threshold, ConfusionCounts counts) {}
