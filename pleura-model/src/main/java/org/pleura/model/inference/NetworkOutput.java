package org.pleura.model.inference;

/**
 * The network's raw output for one image.
 *
 * @param logits    one per output
 * @param cams      {@code outputs x camHeight x camWidth} class activation values, row-major
 * @param camWidth  map columns
 * @param camHeight map rows
 */
public record NetworkOutput(float[] logits, float[] cams, int camWidth, int camHeight) {
}
