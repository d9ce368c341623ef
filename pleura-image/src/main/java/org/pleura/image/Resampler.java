package org.pleura.image;

/**
 * Separable resampling: each output sample is a weighted sum of input samples. Shrinking uses the
 * exact area covered by the output pixel (box filter with fractional edges), which avoids aliasing
 * of fine structures such as ribs and lines; enlarging uses linear interpolation between pixel
 * centres.
 */
final class Resampler {
    private Resampler() {
    }

    static GrayImage resize(GrayImage src, int newWidth, int newHeight) {
        if (newWidth <= 0 || newHeight <= 0) {
            throw new IllegalArgumentException("target size must be positive: " + newWidth + "x" + newHeight);
        }
        if (newWidth == src.width() && newHeight == src.height()) {
            return new GrayImage(newWidth, newHeight, src.pixels().clone());
        }
        Kernel kx = Kernel.of(src.width(), newWidth);
        Kernel ky = Kernel.of(src.height(), newHeight);
        // horizontal pass: src.height rows of newWidth
        float[] tmp = new float[src.height() * newWidth];
        float[] in = src.pixels();
        int sw = src.width();
        for (int y = 0; y < src.height(); y++) {
            int rowIn = y * sw;
            int rowOut = y * newWidth;
            for (int x = 0; x < newWidth; x++) {
                int start = kx.start[x];
                int off = kx.offset[x];
                int n = kx.count[x];
                float acc = 0f;
                for (int k = 0; k < n; k++) {
                    acc += in[rowIn + start + k] * kx.weights[off + k];
                }
                tmp[rowOut + x] = acc;
            }
        }
        // vertical pass
        float[] out = new float[newWidth * newHeight];
        for (int y = 0; y < newHeight; y++) {
            int start = ky.start[y];
            int off = ky.offset[y];
            int n = ky.count[y];
            int rowOut = y * newWidth;
            for (int k = 0; k < n; k++) {
                float wgt = ky.weights[off + k];
                int rowIn = (start + k) * newWidth;
                for (int x = 0; x < newWidth; x++) {
                    out[rowOut + x] += tmp[rowIn + x] * wgt;
                }
            }
        }
        return new GrayImage(newWidth, newHeight, out);
    }

    /** Per output index: first input index, number of taps, and their normalised weights. */
    private static final class Kernel {
        final int[] start;
        final int[] count;
        final int[] offset;
        final float[] weights;

        private Kernel(int[] start, int[] count, int[] offset, float[] weights) {
            this.start = start;
            this.count = count;
            this.offset = offset;
            this.weights = weights;
        }

        static Kernel of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            int[] start = new int[outSize];
            int[] count = new int[outSize];
            int[] offset = new int[outSize];
            float[] w = new float[outSize * (int) (Math.ceil(scale) + 2)];
            int pos = 0;
            for (int o = 0; o < outSize; o++) {
                offset[o] = pos;
                if (scale > 1.0) {
                    double a = o * scale;
                    double b = Math.min(inSize, (o + 1) * scale);
                    int first = (int) Math.floor(a);
                    int last = Math.min(inSize - 1, (int) Math.ceil(b) - 1);
                    start[o] = first;
                    count[o] = last - first + 1;
                    for (int i = first; i <= last; i++) {
                        double cover = Math.min(b, i + 1) - Math.max(a, i);
                        w[pos++] = (float) (cover / scale);
                    }
                } else {
                    double centre = (o + 0.5) * scale - 0.5;
                    int i0 = (int) Math.floor(centre);
                    double t = centre - i0;
                    int lo = Math.max(0, Math.min(inSize - 1, i0));
                    int hi = Math.max(0, Math.min(inSize - 1, i0 + 1));
                    if (lo == hi) {
                        start[o] = lo;
                        count[o] = 1;
                        w[pos++] = 1f;
                    } else {
                        start[o] = lo;
                        count[o] = 2;
                        w[pos++] = (float) (1 - t);
                        w[pos++] = (float) t;
                    }
                }
            }
            return new Kernel(start, count, offset, w);
        }
    }
}
