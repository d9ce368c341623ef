package org.pleura.model.pkg;

/**
 * How a display-ready image becomes the network's input.
 *
 * @param inputSize     the image is resized to {@code inputSize x inputSize}
 * @param resize        {@code stretch}: the whole image is resized to the square without keeping the aspect ratio
 *                      (as the NIH images were), so boxes map back by independent x and y scale factors
 * @param normalization {@code per_image_standardization}: subtract the image's mean, divide by its standard
 *                      deviation; robust to exposure and windowing differences between sites
 */
public record Preprocessing(int inputSize, String resize, String normalization) {

    /** The only resize mode. */
    public static final String STRETCH = "stretch";
    /** The only normalization. */
    public static final String PER_IMAGE = "per_image_standardization";

    public Preprocessing {
        if (inputSize < 32 || inputSize > 2048) {
            throw new IllegalArgumentException("input size must be between 32 and 2048: " + inputSize);
        }
        if (!STRETCH.equals(resize)) {
            throw new IllegalArgumentException("resize '" + resize + "' is not supported (only " + STRETCH + ")");
        }
        if (!PER_IMAGE.equals(normalization)) {
            throw new IllegalArgumentException("normalization '" + normalization + "' is not supported (only " + PER_IMAGE + ")");
        }
    }

    /** The standard preprocessing at a given input size. */
    public static Preprocessing of(int inputSize) {
        return new Preprocessing(inputSize, STRETCH, PER_IMAGE);
    }
}
