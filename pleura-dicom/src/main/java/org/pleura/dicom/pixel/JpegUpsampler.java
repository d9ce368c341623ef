package org.pleura.dicom.pixel;

/**
 * Brings each component plane to full resolution and interleaves the components by pixel, the way
 * libjpeg does (so the result matches dcmtk): for DCT frames, components subsampled 2:1
 * horizontally ("h2v1") or 2:1 both ways ("h2v2") use libjpeg's "fancy" triangular upsampling
 * (each output sample is 3/4 of the nearer input sample plus 1/4 of the next one, in each
 * direction, with libjpeg's alternating rounding, edges replicated); any other integral factor,
 * planes at most two samples wide, and lossless frames use plain replication.
 */
final class JpegUpsampler {
    private JpegUpsampler() {
    }

    static int[] interleave(JpegFrame frame, boolean fancy) throws PixelDataException {
        JpegComponent[] comps = frame.components;
        int n = comps.length;
        if (n == 1) {
            return comps[0].plane; // a single component is never subsampled (T.81 A.2.2)
        }
        int columns = frame.columns;
        int rows = frame.rows;
        long total = (long) rows * columns * n;
        int[] out = new int[(int) total];
        int hmax = frame.maxHorizontalSampling;
        int vmax = frame.maxVerticalSampling;
        for (int c = 0; c < n; c++) {
            JpegComponent comp = comps[c];
            int h = comp.horizontalSampling;
            int v = comp.verticalSampling;
            if (hmax % h != 0 || vmax % v != 0) {
                throw new PixelDataException("unsupported JPEG sampling factors: component " + comp.id + " is "
                        + h + "x" + v + " in a frame of " + hmax + "x" + vmax + " (not an integral ratio)");
            }
            int hx = hmax / h;
            int vy = vmax / v;
            boolean wide = comp.width > 2;
            if (hx == 1 && vy == 1) {
                copy(comp, out, c, n, columns, rows);
            } else if (fancy && wide && hx == 2 && vy == 1) {
                fancyH2V1(comp, out, c, n, columns, rows);
            } else if (fancy && wide && hx == 2 && vy == 2) {
                fancyH2V2(comp, out, c, n, columns, rows);
            } else {
                replicate(comp, out, c, n, columns, rows, hx, vy);
            }
        }
        return out;
    }

    private static void copy(JpegComponent comp, int[] out, int c, int n, int columns, int rows) {
        int[] p = comp.plane;
        int w = comp.width;
        for (int y = 0; y < rows; y++) {
            int o = y * columns * n + c;
            int i = y * w;
            for (int x = 0; x < columns; x++, o += n) {
                out[o] = p[i + x];
            }
        }
    }

    private static void replicate(JpegComponent comp, int[] out, int c, int n, int columns, int rows,
                                  int hx, int vy) {
        int[] p = comp.plane;
        int w = comp.width;
        for (int y = 0; y < rows; y++) {
            int o = y * columns * n + c;
            int i = (y / vy) * w;
            for (int x = 0; x < columns; x++, o += n) {
                out[o] = p[i + x / hx];
            }
        }
    }

    /** libjpeg {@code h2v1_fancy_upsample}. */
    private static void fancyH2V1(JpegComponent comp, int[] out, int c, int n, int columns, int rows) {
        int[] p = comp.plane;
        int w = comp.width;
        for (int y = 0; y < rows; y++) {
            int base = y * columns * n + c;
            int i = y * w;
            for (int x = 0; x < w; x++) {
                int here = p[i + x] * 3;
                int left = p[i + Math.max(x - 1, 0)];
                int right = p[i + Math.min(x + 1, w - 1)];
                int ox = 2 * x;
                if (ox < columns) {
                    out[base + ox * n] = (here + left + 1) >> 2;
                }
                if (ox + 1 < columns) {
                    out[base + (ox + 1) * n] = (here + right + 2) >> 2;
                }
            }
        }
    }

    /** libjpeg {@code h2v2_fancy_upsample}. */
    private static void fancyH2V2(JpegComponent comp, int[] out, int c, int n, int columns, int rows) {
        int[] p = comp.plane;
        int w = comp.width;
        int h = comp.height;
        for (int y = 0; y < rows; y++) {
            int r = y >> 1;
            int other = (y & 1) == 0 ? Math.max(r - 1, 0) : Math.min(r + 1, h - 1);
            int near = r * w;
            int far = other * w;
            int base = y * columns * n + c;
            int last = p[near] * 3 + p[far];
            int here = last;
            for (int x = 0; x < w; x++) {
                int next = x + 1 < w ? p[near + x + 1] * 3 + p[far + x + 1] : here;
                int ox = 2 * x;
                if (ox < columns) {
                    out[base + ox * n] = (here * 3 + last + 8) >> 4;
                }
                if (ox + 1 < columns) {
                    out[base + (ox + 1) * n] = (here * 3 + next + 7) >> 4;
                }
                last = here;
                here = next;
            }
        }
    }
}
