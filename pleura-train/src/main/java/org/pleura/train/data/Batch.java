package org.pleura.train.data;

/**
 * One batch ready for the network.
 *
 * @param rows      which images (rows of the label matrix)
 * @param images    {@code rows x size x size} standardized input values
 * @param labels    {@code rows x outputs} targets
 * @param mask      {@code rows x outputs} loss weight of each target, 0 where it is unknown
 * @param size      image side
 * @param boxMask   {@code rows x outputs x cells x cells} fraction of each map cell inside the output's true boxes
 *                  (after the same augmentation as the image), or {@code null} when the batch has no box
 * @param boxWeight {@code rows x outputs} 1 where {@code boxMask} holds a box, or {@code null}
 * @param cells     side of the activation map the box mask is given for (0 without boxes)
 * @param detection a detector's targets, or {@code null} for a classifier
 */
public record Batch(int[] rows, float[] images, float[] labels, float[] mask, int size, float[] boxMask,
                    float[] boxWeight, int cells, Detection detection) {

    /** A batch without box supervision. */
    public Batch(int[] rows, float[] images, float[] labels, float[] mask, int size) {
        this(rows, images, labels, mask, size, null, null, 0, null);
    }

    /**
     * A detector's targets for the batch ({@link CentreTargets} of each image, concatenated).
     *
     * @param heat    {@code rows x classes x cells x cells}
     * @param box     {@code rows x 4 x cells x cells}
     * @param centres {@code rows x 1 x cells x cells}
     * @param classes box classes
     * @param cells   map side
     */
    public record Detection(float[] heat, float[] box, float[] centres, int classes, int cells) {}

    /** Number of images. */
    public int count() {
        return rows.length;
    }

    /** Whether the batch carries box targets. */
    public boolean hasBoxes() {
        return boxMask != null;
    }
}
