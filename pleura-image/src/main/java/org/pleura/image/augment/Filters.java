package org.pleura.image.augment;

import org.pleura.image.GrayImage;

/** Small image filters the augmentations need: separable Gaussian blur and resizing. */
final class Filters {

    private Filters() {
    }

    /** A Gaussian blur of {@code sigma} pixels (kernel radius 3 sigma, edges replicated). */
    static float[] gaussianBlur(float[] px, int w, int h, double sigma) {
        if (sigma <= 0) {
            return px.clone();
        }
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            double v = Math.exp(-(i * i) / (2 * sigma * sigma));
            k[i + r] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        float[] tmp = new float[px.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int i = -r; i <= r; i++) {
                    int xx = Math.min(w - 1, Math.max(0, x + i));
                    acc += px[row + xx] * k[i + r];
                }
                tmp[row + x] = acc;
            }
        }
        float[] out = new float[px.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int i = -r; i <= r; i++) {
                    int yy = Math.min(h - 1, Math.max(0, y + i));
                    acc += tmp[yy * w + x] * k[i + r];
                }
                out[y * w + x] = acc;
            }
        }
        return out;
    }

    /** The image resized to {@code nw x nh} (area average when shrinking, linear when enlarging). */
    static float[] resize(float[] px, int w, int h, int nw, int nh) {
        return new GrayImage(w, h, px).resize(nw, nh).pixels();
    }
}
