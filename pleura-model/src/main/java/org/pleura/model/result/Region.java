package org.pleura.model.result;

/**
 * A rectangle where a finding is likely, in pixels of the source image (x to the right, y down, origin at the
 * top-left corner), with a score in [0, 1] and, for a detector's box, its own call.
 *
 * @param x     left edge
 * @param y     top edge
 * @param w     width
 * @param h     height
 * @param score how strongly the model points at this region (a detector's box score; for class activation maps,
 *              the finding score times the region's relative peak)
 * @param call  the box's own call when the model scores boxes (a detector: solid when positive, dotted when
 *              doubtful), or null when the region only shows where its finding's call is (class activation maps)
 */
public record Region(double x, double y, double w, double h, double score, Call call) {

    /** A region without a call of its own. */
    public Region(double x, double y, double w, double h, double score) {
        this(x, y, w, h, score, null);
    }

    public Region {
        if (!(w >= 0 && h >= 0)) {
            throw new IllegalArgumentException("region size must be non-negative: " + w + "x" + h);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("region score must be in [0, 1]: " + score);
        }
    }

    /** The call to draw this region with: its own, or else its finding's. */
    public Call callOr(Call findingCall) {
        return call != null ? call : findingCall;
    }

    /** Intersection over union with another region (0 when the union is empty). */
    public double iou(Region o) {
        double iw = Math.min(x + w, o.x + o.w) - Math.max(x, o.x);
        double ih = Math.min(y + h, o.y + o.h) - Math.max(y, o.y);
        double inter = iw > 0 && ih > 0 ? iw * ih : 0;
        double union = w * h + o.w * o.h - inter;
        return union > 0 ? inter / union : 0;
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
