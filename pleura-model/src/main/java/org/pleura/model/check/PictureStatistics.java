package org.pleura.model.check;

import org.pleura.image.GrayImage;

/**
 * Simple facts about a display-ready picture that tell a radiograph from a blank, saturated or noise image,
 * measured on a copy reduced to at most {@link #SIDE} pixels on its longer side.
 *
 * @param width          width of the full picture in pixels
 * @param height         height of the full picture in pixels
 * @param p01            1st percentile of the display values (0 black, 1 white)
 * @param p99            99th percentile of the display values
 * @param blackFraction  fraction of pixels at or below {@link #EXTREME} (black)
 * @param whiteFraction  fraction of pixels at or above {@code 1 - EXTREME} (white)
 * @param smoothness     correlation between horizontally and vertically adjacent pixels of the reduced copy
 *                       (radiographs are smooth, close to 1; random noise is close to 0)
 * @param detail         mean absolute Laplacian of the reduced copy over its 1-99 % range: the amount of fine
 *                       structure (edges of ribs, vessels, borders); close to 0 for a smooth gradient
 */
public record PictureStatistics(int width, int height, double p01, double p99, double blackFraction,
                                double whiteFraction, double smoothness, double detail) {

    /** Longer side of the reduced copy the statistics are measured on. */
    public static final int SIDE = 256;
    /** Display values within this distance of 0 or 1 count as black or white. */
    public static final double EXTREME = 0.02;
    /** Histogram bins of the percentiles. */
    private static final int BINS = 1024;

    /** Measures a display-ready picture. */
    public static PictureStatistics of(GrayImage image) {
        int w = image.width();
        int h = image.height();
        GrayImage small = image;
        if (Math.max(w, h) > SIDE) {
            double s = (double) SIDE / Math.max(w, h);
            small = image.resize(Math.max(1, (int) Math.round(w * s)), Math.max(1, (int) Math.round(h * s)));
        }
        float[] px = small.pixels();
        int n = px.length;
        int[] histogram = new int[BINS];
        int black = 0;
        int white = 0;
        for (float v : px) {
            histogram[Math.max(0, Math.min(BINS - 1, (int) (v * BINS)))]++;
            if (v <= EXTREME) {
                black++;
            } else if (v >= 1 - EXTREME) {
                white++;
            }
        }
        double p01 = percentile(histogram, n, 0.01);
        double p99 = percentile(histogram, n, 0.99);
        return new PictureStatistics(w, h, p01, p99, (double) black / n, (double) white / n, smoothness(small),
                laplacian(small) / Math.max(p99 - p01, 1e-6));
    }

    /** The value below which a fraction {@code q} of the pixels lie, to 1/{@value #BINS}. */
    private static double percentile(int[] histogram, int n, double q) {
        long target = (long) Math.ceil(q * n);
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= target) {
                return (b + 0.5) / BINS;
            }
        }
        return 1;
    }

    /** Dynamic range between the 1st and 99th percentiles. */
    public double range() {
        return p99 - p01;
    }

    /** Width over height. */
    public double aspect() {
        return (double) width / height;
    }

    /** Mean absolute 4-neighbour Laplacian over the inner pixels (0 for pictures under 3 pixels wide or high). */
    static double laplacian(GrayImage g) {
        int w = g.width();
        int h = g.height();
        float[] p = g.pixels();
        double sum = 0;
        long n = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                sum += Math.abs(4 * p[i] - p[i - 1] - p[i + 1] - p[i - w] - p[i + w]);
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Pearson correlation of each pixel with its right and lower neighbours (0 for a flat picture). */
    static double smoothness(GrayImage g) {
        int w = g.width();
        int h = g.height();
        float[] p = g.pixels();
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        long n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double a = p[y * w + x];
                if (x + 1 < w) {
                    double b = p[y * w + x + 1];
                    sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b; n++;
                }
                if (y + 1 < h) {
                    double b = p[(y + 1) * w + x];
                    sa += a; sb += b; saa += a * a; sbb += b * b; sab += a * b; n++;
                }
            }
        }
        if (n == 0) {
            return 0;
        }
        double cov = sab / n - (sa / n) * (sb / n);
        double va = saa / n - (sa / n) * (sa / n);
        double vb = sbb / n - (sb / n) * (sb / n);
        return va <= 1e-12 || vb <= 1e-12 ? 0 : cov / Math.sqrt(va * vb);
    }
}
