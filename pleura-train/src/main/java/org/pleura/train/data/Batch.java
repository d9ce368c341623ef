package org.pleura.train.data;

/**
 * One batch ready for the network.
 *
 * @param rows    which images (rows of the label matrix)
 * @param images  {@code rows x size x size} standardized input values
 * @param labels  {@code rows x outputs} targets
 * @param mask    {@code rows x outputs} 1 where the target is known
 * @param size    image side
 */
public record Batch(int[] rows, float[] images, float[] labels, float[] mask, int size) {

    /** Number of images. */
    public int count() {
        return rows.length;
    }
}
