package org.pleura.model.result;

import java.util.Objects;

/**
 * A class activation map for one finding: a coarse grid of activations (one cell per feature-map position of the
 * network's last convolution) covering the whole source image. Cell {@code (i, j)} covers source pixels
 * {@code [i * sourceWidth / width, (i + 1) * sourceWidth / width)} horizontally, and likewise vertically.
 *
 * @param findingId    the finding this map explains
 * @param width        grid columns
 * @param height       grid rows
 * @param values       {@code width x height} activations, row-major (unnormalised; higher means more evidence)
 * @param sourceWidth  width of the source image in pixels
 * @param sourceHeight height of the source image in pixels
 */
public record HeatMap(String findingId, int width, int height, float[] values, int sourceWidth, int sourceHeight) {

    public HeatMap {
        Objects.requireNonNull(findingId, "findingId");
        if (width <= 0 || height <= 0 || (long) width * height != values.length) {
            throw new IllegalArgumentException("heat map of " + findingId + ": " + values.length
                    + " values is not " + width + "x" + height);
        }
        if (sourceWidth <= 0 || sourceHeight <= 0) {
            throw new IllegalArgumentException("source size must be positive: " + sourceWidth + "x" + sourceHeight);
        }
    }

    /** Activation at grid column {@code i}, row {@code j}. */
    public float get(int i, int j) {
        return values[j * width + i];
    }

    /** The largest activation. */
    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Centre of the hottest cell, in source-image pixels: {@code [x, y]}. */
    public double[] peak() {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        int i = best % width;
        int j = best / width;
        return new double[] {(i + 0.5) * sourceWidth / width, (j + 0.5) * sourceHeight / height};
    }

    /**
     * The map resampled bilinearly to {@code w x h} and scaled to [0, 1] by its maximum (negative activations
     * become 0): ready to draw over the source image.
     */
    public float[] normalised(int w, int h) {
        float max = max();
        float[] out = new float[w * h];
        if (!(max > 0)) {
            return out;
        }
        for (int y = 0; y < h; y++) {
            double gy = (y + 0.5) * height / h - 0.5;
            int y0 = (int) Math.floor(gy);
            double fy = gy - y0;
            int ya = clamp(y0, height);
            int yb = clamp(y0 + 1, height);
            for (int x = 0; x < w; x++) {
                double gx = (x + 0.5) * width / w - 0.5;
                int x0 = (int) Math.floor(gx);
                double fx = gx - x0;
                int xa = clamp(x0, width);
                int xb = clamp(x0 + 1, width);
                double v = (1 - fy) * ((1 - fx) * get(xa, ya) + fx * get(xb, ya))
                        + fy * ((1 - fx) * get(xa, yb) + fx * get(xb, yb));
                out[y * w + x] = (float) Math.max(0, v / max);
            }
        }
        return out;
    }

    private static int clamp(int v, int n) {
        return v < 0 ? 0 : Math.min(v, n - 1);
    }
}
