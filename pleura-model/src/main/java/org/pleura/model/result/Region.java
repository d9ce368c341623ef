package org.pleura.model.result;

/**
 * A rectangle where a finding is likely, in pixels of the source image (x to the right, y down, origin at the
 * top-left corner), with a score in [0, 1].
 *
 * @param x     left edge
 * @param y     top edge
 * @param w     width
 * @param h     height
 * @param score how strongly the model points at this region (finding score times the region's relative peak)
 */
public record Region(double x, double y, double w, double h, double score) {

    public Region {
        if (!(w >= 0 && h >= 0)) {
            throw new IllegalArgumentException("region size must be non-negative: " + w + "x" + h);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("region score must be in [0, 1]: " + score);
        }
    }

    /** Horizontal centre. */
    public double centerX() {
        return x + w / 2;
    }

    /** Vertical centre. */
    public double centerY() {
        return y + h / 2;
    }

    /** True if the point lies inside the rectangle (edges included). */
    public boolean contains(double px, double py) {
        return px >= x && px <= x + w && py >= y && py <= y + h;
    }
}
