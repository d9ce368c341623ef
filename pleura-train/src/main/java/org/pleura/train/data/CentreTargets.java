package org.pleura.train.data;

import java.util.List;

/**
 * A detector's training targets for one image (CenterNet, Zhou et al. 2019), on a {@code cells x cells} map of an
 * {@code size x size} input: per class, a heat map that is 1 at the cell holding a box's centre and falls off as a
 * Gaussian around it (standard deviations of a sixth of the box's width and height, at least half a cell), and at
 * each centre cell the four box values the network regresses: log width and log height in cells, and the centre's
 * offset inside its cell.
 *
 * @param heat    {@code classes x cells x cells}
 * @param box     {@code 4 x cells x cells}: log w, log h, x offset, y offset (at centres only)
 * @param centres {@code cells x cells}: 1 at a centre cell
 */
public record CentreTargets(float[] heat, float[] box, float[] centres) {

    /**
     * A box of one class in pixels of the input.
     *
     * @param cls class index
     * @param x0  left
     * @param y0  top
     * @param x1  right
     * @param y1  bottom
     */
    public record Box(int cls, double x0, double y0, double x1, double y1) {}

    /** The targets of an image's boxes. */
    public static CentreTargets of(List<Box> boxes, int classes, int cells, int size) {
        float[] heat = new float[classes * cells * cells];
        float[] box = new float[4 * cells * cells];
        float[] centres = new float[cells * cells];
        double stride = (double) size / cells;
        int n = cells * cells;
        for (Box b : boxes) {
            double w = (b.x1() - b.x0()) / stride;
            double h = (b.y1() - b.y0()) / stride;
            if (!(w > 0 && h > 0)) {
                continue;
            }
            double cx = (b.x0() + b.x1()) / 2 / stride;
            double cy = (b.y0() + b.y1()) / 2 / stride;
            int ci = Math.min(cells - 1, Math.max(0, (int) Math.floor(cx)));
            int cj = Math.min(cells - 1, Math.max(0, (int) Math.floor(cy)));
            double sx = Math.max(0.5, w / 6);
            double sy = Math.max(0.5, h / 6);
            int off = b.cls() * n;
            for (int j = 0; j < cells; j++) {
                for (int i = 0; i < cells; i++) {
                    double g = Math.exp(-((i - ci) * (i - ci) / (2 * sx * sx) + (j - cj) * (j - cj) / (2 * sy * sy)));
                    if (g > heat[off + j * cells + i]) {
                        heat[off + j * cells + i] = (float) g;
                    }
                }
            }
            int p = cj * cells + ci;
            heat[off + p] = 1f;
            centres[p] = 1f;
            box[p] = (float) Math.log(w);
            box[n + p] = (float) Math.log(h);
            box[2 * n + p] = (float) (cx - ci);
            box[3 * n + p] = (float) (cy - cj);
        }
        return new CentreTargets(heat, box, centres);
    }
}
