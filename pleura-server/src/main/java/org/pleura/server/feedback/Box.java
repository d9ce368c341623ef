package org.pleura.server.feedback;

/**
 * A rectangle in pixels of the stored image (x to the right, y down, origin top-left), as in the boxes CSV.
 *
 * @param x left edge
 * @param y top edge
 * @param w width (positive)
 * @param h height (positive)
 */
public record Box(double x, double y, double w, double h) {

    public Box {
        if (!(Double.isFinite(x) && Double.isFinite(y) && w > 0 && h > 0 && Double.isFinite(w)
                && Double.isFinite(h))) {
            throw new IllegalArgumentException("a box needs a finite position and a positive width and height");
        }
    }

    /**
     * This box clipped to an image of {@code columns x rows}.
     *
     * @throws IllegalArgumentException if nothing of it lies inside the image
     */
    public Box clippedTo(int columns, int rows) {
        double x0 = Math.max(0, x);
        double y0 = Math.max(0, y);
        double x1 = Math.min(columns, x + w);
        double y1 = Math.min(rows, y + h);
        if (x1 - x0 < 1 || y1 - y0 < 1) {
            throw new IllegalArgumentException("the box lies outside the " + columns + "x" + rows + " image");
        }
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }
}
