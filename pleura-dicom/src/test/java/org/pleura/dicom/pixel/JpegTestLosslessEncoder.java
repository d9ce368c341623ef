package org.pleura.dicom.pixel;

import java.io.ByteArrayOutputStream;

/**
 * Test-only JPEG lossless (process 14) encoder, written from T.81 annex H, for what dcmtk's encoder
 * cannot be asked to produce: restart intervals, category-16 differences, and several components.
 * One Huffman table (not optimised) for every component.
 */
final class JpegTestLosslessEncoder {
    /** Code lengths 3..8: 5, 4, 2, 2, 2, 2 codes; categories 0..16 in order. Kraft sum below 1. */
    private static final int[] COUNTS = {0, 0, 5, 4, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0};
    private final int[] code = new int[17];
    private final int[] length = new int[17];
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private long bits;
    private int count;

    JpegTestLosslessEncoder() {
        int c = 0;
        int symbol = 0;
        for (int len = 1; len <= 16; len++) {
            for (int i = 0; i < COUNTS[len - 1]; i++) {
                code[symbol] = c++;
                length[symbol] = len;
                symbol++;
            }
            c <<= 1;
        }
    }

    /**
     * @param samples         interleaved by pixel, {@code components} per pixel, each below 2^precision
     * @param restartRows     rows per restart interval, 0 for none
     */
    byte[] encode(int[] samples, int rows, int columns, int components, int precision, int predictor,
                  int pointTransform, int restartRows) {
        marker(0xD8);
        marker(0xC3);
        u16(8 + 3 * components);
        out.write(precision);
        u16(rows);
        u16(columns);
        out.write(components);
        for (int c = 0; c < components; c++) {
            out.write(c + 1);
            out.write(0x11);
            out.write(0);
        }
        marker(0xC4);
        u16(2 + 17 + 17);
        out.write(0x00);
        for (int n : COUNTS) {
            out.write(n);
        }
        for (int s = 0; s <= 16; s++) {
            out.write(s);
        }
        if (restartRows > 0) {
            marker(0xDD);
            u16(4);
            u16(restartRows * columns);
        }
        marker(0xDA);
        u16(6 + 2 * components);
        out.write(components);
        for (int c = 0; c < components; c++) {
            out.write(c + 1);
            out.write(0x00);
        }
        out.write(predictor);
        out.write(0);
        out.write(pointTransform);

        int[] x = new int[samples.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = samples[i] >> pointTransform;
        }
        int initial = 1 << (precision - pointTransform - 1);
        int restart = 0;
        int stride = columns * components;
        for (int y = 0; y < rows; y++) {
            boolean first = y == 0 || (restartRows > 0 && y % restartRows == 0);
            if (y > 0 && first) {
                flush();
                marker(0xD0 + (restart++ & 7));
            }
            for (int col = 0; col < columns; col++) {
                for (int c = 0; c < components; c++) {
                    int i = y * stride + col * components + c;
                    int prediction;
                    if (first) {
                        prediction = col == 0 ? initial : x[i - components];
                    } else if (col == 0) {
                        prediction = x[i - stride];
                    } else {
                        int ra = x[i - components];
                        int rb = x[i - stride];
                        int rc = x[i - stride - components];
                        prediction = switch (predictor) {
                            case 1 -> ra;
                            case 2 -> rb;
                            case 3 -> rc;
                            case 4 -> ra + rb - rc;
                            case 5 -> ra + ((rb - rc) >> 1);
                            case 6 -> rb + ((ra - rc) >> 1);
                            default -> (ra + rb) >> 1;
                        };
                    }
                    int d = (x[i] - prediction) & 0xFFFF;
                    if (d > 32768) {
                        d -= 65536;
                    }
                    int category = d == 32768 ? 16 : 32 - Integer.numberOfLeadingZeros(Math.abs(d));
                    put(code[category], length[category]);
                    if (category > 0 && category < 16) {
                        put(d < 0 ? d + (1 << category) - 1 : d, category);
                    }
                }
            }
        }
        flush();
        marker(0xD9);
        return out.toByteArray();
    }

    private void put(int value, int n) {
        bits = (bits << n) | (value & ((1L << n) - 1));
        count += n;
        while (count >= 8) {
            int b = (int) (bits >>> (count - 8)) & 0xFF;
            out.write(b);
            if (b == 0xFF) {
                out.write(0);
            }
            count -= 8;
        }
    }

    /** Pads the last byte with ones (T.81 F.1.2.3). */
    private void flush() {
        if (count > 0) {
            put(0x7F, 8 - count);
        }
        bits = 0;
        count = 0;
    }

    private void marker(int m) {
        out.write(0xFF);
        out.write(m);
    }

    private void u16(int v) {
        out.write(v >> 8);
        out.write(v & 0xFF);
    }
}
