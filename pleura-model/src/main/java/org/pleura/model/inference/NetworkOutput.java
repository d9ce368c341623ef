package org.pleura.model.inference;

/**
 * The network's raw output for one image.
 *
 * @param logits    one per output
 * @param cams      {@code outputs x camHeight x camWidth} class activation values, row-major
 * @param camWidth  map columns
 * @param camHeight map rows
 * @param pooled    the globally average-pooled last feature map (the head's input, one value per feature
 *                  channel): the image's embedding, used by input checks that compare an image with the training
 *                  images; {@code null} when the runner does not provide it
 */
public record NetworkOutput(float[] logits, float[] cams, int camWidth, int camHeight, float[] pooled) {

    /** An output without pooled features. */
    public NetworkOutput(float[] logits, float[] cams, int camWidth, int camHeight) {
        this(logits, cams, camWidth, camHeight, null);
    }
}
