package org.pleura.image;

import org.pleura.image.lut.VoiTransform;

/**
 * Applies a radiograph's display pipeline. Stored values span at most 16 bits, so the whole
 * pipeline (modality LUT, VOI, inversion, padding) is first tabulated over the range of values
 * actually present, then applied with one lookup per pixel.
 */
final class DisplayRenderer {
    /** Percentiles of the modality values used when the source gives no window. */
    static final double AUTO_LOW = 0.005;
    static final double AUTO_HIGH = 0.995;

    private DisplayRenderer() {
    }

    static GrayImage render(Radiograph r, VoiTransform window) {
        VoiTransform voi = window != null ? window : r.defaultWindow();
        int[] s = r.stored();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : s) {
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        DisplayPipeline p = r.pipeline();
        float[] table = new float[max - min + 1];
        for (int v = min; v <= max; v++) {
            float d;
            if (p.isPadding(v)) {
                d = 0f;
            } else {
                double out = voi.apply(p.modality().apply(v));
                out = out < 0 ? 0 : Math.min(out, 1);
                d = (float) (p.invert() ? 1 - out : out);
            }
            table[v - min] = d;
        }
        float[] px = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            px[i] = table[s[i] - min];
        }
        return new GrayImage(r.columns(), r.rows(), px);
    }

    /**
     * A LINEAR_EXACT window from the 0.5th to the 99.5th percentile of the modality values of
     * non-padding pixels: robust to a few saturated pixels (collimator edges, burned-in labels).
     */
    static VoiTransform autoWindow(Radiograph r) {
        int[] s = r.stored();
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int v : s) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        DisplayPipeline p = r.pipeline();
        long[] hist = new long[max - min + 1];
        long n = 0;
        for (int v : s) {
            if (!p.isPadding(v)) {
                hist[v - min]++;
                n++;
            }
        }
        if (n == 0) {
            return new VoiTransform.Window(0.5, 1, VoiTransform.Function.LINEAR_EXACT, "auto (blank image)");
        }
        int lo = percentile(hist, n, AUTO_LOW) + min;
        int hi = percentile(hist, n, AUTO_HIGH) + min;
        double a = p.modality().apply(lo);
        double b = p.modality().apply(hi);
        double low = Math.min(a, b);
        double high = Math.max(a, b);
        if (high - low < 1e-6) {
            high = low + 1;
        }
        return new VoiTransform.Window((low + high) / 2, high - low, VoiTransform.Function.LINEAR_EXACT,
                "auto 0.5-99.5 percentile");
    }

    private static int percentile(long[] hist, long n, double q) {
        long target = (long) Math.floor(q * (n - 1));
        long acc = 0;
        for (int i = 0; i < hist.length; i++) {
            acc += hist[i];
            if (acc > target) {
                return i;
            }
        }
        return hist.length - 1;
    }
}
