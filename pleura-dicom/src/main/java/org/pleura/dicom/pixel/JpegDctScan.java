package org.pleura.dicom.pixel;

import java.util.Arrays;

/**
 * Decodes one scan of a Huffman-coded sequential DCT frame (T.81 processes 1, 2 and 4: baseline
 * and extended, 8 or 12 bits): entropy decoding of each 8x8 block (F.2.2), then dequantization and
 * the inverse DCT straight into the component's plane. Interleaved scans follow the MCU layout of
 * A.2.3; blocks of the MCU grid beyond the component's edge are decoded and dropped.
 */
final class JpegDctScan {
    /** Zig-zag index to natural (row-major) index, T.81 figure A.6. */
    static final int[] NATURAL_ORDER = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    };

    private final int[] coef = new int[64];
    private final JpegIdct idct;
    private final int maxDcCategory;

    JpegDctScan(int precision) {
        this.idct = new JpegIdct(precision);
        this.maxDcCategory = precision + 3;
    }

    /**
     * @param restartInterval MCUs per restart interval, 0 when restart markers are not used
     */
    void decode(JpegFrame frame, JpegComponent[] scan, int restartInterval, JpegBitReader in)
            throws PixelDataException {
        int mcusX;
        int mcusY;
        if (scan.length == 1) {
            mcusX = JpegFrame.ceilDiv(scan[0].width, 8);
            mcusY = JpegFrame.ceilDiv(scan[0].height, 8);
        } else {
            mcusX = JpegFrame.ceilDiv(frame.columns, 8 * frame.maxHorizontalSampling);
            mcusY = JpegFrame.ceilDiv(frame.rows, 8 * frame.maxVerticalSampling);
        }
        for (JpegComponent c : scan) {
            c.dcPrediction = 0;
        }
        int untilRestart = restartInterval;
        int restartNumber = 0;
        for (int my = 0; my < mcusY; my++) {
            for (int mx = 0; mx < mcusX; mx++) {
                if (restartInterval > 0) {
                    if (untilRestart == 0) {
                        in.readRestartMarker(restartNumber);
                        restartNumber = (restartNumber + 1) & 7;
                        untilRestart = restartInterval;
                        for (JpegComponent c : scan) {
                            c.dcPrediction = 0;
                        }
                    }
                    untilRestart--;
                }
                if (scan.length == 1) {
                    decodeBlock(scan[0], in, mx, my);
                } else {
                    for (JpegComponent c : scan) {
                        int h = c.horizontalSampling;
                        int v = c.verticalSampling;
                        for (int by = 0; by < v; by++) {
                            for (int bx = 0; bx < h; bx++) {
                                decodeBlock(c, in, mx * h + bx, my * v + by);
                            }
                        }
                    }
                }
            }
        }
    }

    private void decodeBlock(JpegComponent c, JpegBitReader in, int blockX, int blockY) throws PixelDataException {
        final int[] block = coef;
        Arrays.fill(block, 0);
        int s = c.dcTable.decode(in);
        if (s > maxDcCategory) {
            throw new PixelDataException("corrupt JPEG data: DC difference category " + s + " near byte "
                    + in.position());
        }
        c.dcPrediction += in.receiveExtend(s);
        block[0] = c.dcPrediction;
        final JpegHuffmanTable ac = c.acTable;
        for (int k = 1; k < 64; k++) {
            int rs = ac.decode(in);
            int r = rs >>> 4;
            s = rs & 15;
            if (s != 0) {
                k += r;
                if (k > 63) {
                    throw new PixelDataException("corrupt JPEG data: more than 64 coefficients in a block near byte "
                            + in.position());
                }
                block[NATURAL_ORDER[k]] = in.receiveExtend(s);
            } else {
                if (r != 15) {
                    break; // end of block
                }
                k += 15;
            }
        }
        int x0 = blockX * 8;
        int y0 = blockY * 8;
        if (x0 < c.width && y0 < c.height) {
            idct.transform(block, c.quant, c.plane, y0 * c.width + x0, c.width,
                    Math.min(8, c.width - x0), Math.min(8, c.height - y0));
        }
    }
}
