package org.pleura.dicom.pixel;

/**
 * Decodes one scan of a Huffman-coded lossless frame (T.81 process 14, annex H): each sample is a
 * prediction from its decoded neighbours (Ra left, Rb above, Rc above-left, selection value 1..7)
 * plus a Huffman-coded difference, modulo 2^16. The first row of the scan and of every restart
 * interval is predicted from the left only, its first sample from 2^(P-Pt-1); the first column
 * from above. Samples are kept in the component plane without the point transform; the caller
 * applies it once the frame is complete.
 *
 * <p>Each component of the scan has one sample per MCU (the frame decoder refuses interleaved
 * scans of subsampled components, which no DICOM encoder produces).
 */
final class JpegLosslessScan {
    private JpegLosslessScan() {
    }

    /**
     * @param predictor       selection value Ss, 1..7
     * @param pointTransform  Al, 0..precision-1
     * @param restartInterval MCUs per restart interval (a whole number of MCU rows), 0 when unused
     */
    static void decode(JpegFrame frame, JpegComponent[] scan, int predictor, int pointTransform,
                       int restartInterval, JpegBitReader in) throws PixelDataException {
        int width = scan[0].width;
        int height = scan[0].height;
        int rowsPerInterval = restartInterval == 0 ? Integer.MAX_VALUE : restartInterval / width;
        int initial = 1 << (frame.precision - pointTransform - 1);
        int restartNumber = 0;
        int n = scan.length;
        int[][] planes = new int[n][];
        JpegHuffmanTable[] tables = new JpegHuffmanTable[n];
        for (int i = 0; i < n; i++) {
            planes[i] = scan[i].plane;
            tables[i] = scan[i].dcTable;
        }
        int rowInInterval = 0;
        for (int y = 0; y < height; y++, rowInInterval++) {
            if (rowInInterval == rowsPerInterval) {
                in.readRestartMarker(restartNumber);
                restartNumber = (restartNumber + 1) & 7;
                rowInInterval = 0;
            }
            int row = y * width;
            if (n == 1) {
                int[] p = planes[0];
                JpegHuffmanTable t = tables[0];
                if (rowInInterval == 0) {
                    p[row] = (initial + difference(t, in)) & 0xFFFF;
                    for (int x = 1; x < width; x++) {
                        p[row + x] = (p[row + x - 1] + difference(t, in)) & 0xFFFF;
                    }
                } else {
                    decodeRow(p, t, in, row, width, predictor);
                }
            } else {
                for (int x = 0; x < width; x++) {
                    int i = row + x;
                    for (int c = 0; c < n; c++) {
                        int[] p = planes[c];
                        int prediction;
                        if (rowInInterval == 0) {
                            prediction = x == 0 ? initial : p[i - 1];
                        } else if (x == 0) {
                            prediction = p[i - width];
                        } else {
                            prediction = predict(predictor, p[i - 1], p[i - width], p[i - width - 1]);
                        }
                        p[i] = (prediction + difference(tables[c], in)) & 0xFFFF;
                    }
                }
            }
        }
    }

    /** One row (not the first of an interval) of a single-component scan. */
    private static void decodeRow(int[] p, JpegHuffmanTable t, JpegBitReader in, int row, int width,
                                  int predictor) throws PixelDataException {
        int above = row - width;
        p[row] = (p[above] + difference(t, in)) & 0xFFFF;
        switch (predictor) {
            case 1 -> {
                for (int i = row + 1, e = row + width; i < e; i++) {
                    p[i] = (p[i - 1] + difference(t, in)) & 0xFFFF;
                }
            }
            case 2 -> {
                for (int i = row + 1, e = row + width; i < e; i++) {
                    p[i] = (p[i - width] + difference(t, in)) & 0xFFFF;
                }
            }
            case 3 -> {
                for (int i = row + 1, e = row + width; i < e; i++) {
                    p[i] = (p[i - width - 1] + difference(t, in)) & 0xFFFF;
                }
            }
            default -> {
                for (int i = row + 1, e = row + width; i < e; i++) {
                    int prediction = predict(predictor, p[i - 1], p[i - width], p[i - width - 1]);
                    p[i] = (prediction + difference(t, in)) & 0xFFFF;
                }
            }
        }
    }

    /** T.81 table H.1. */
    private static int predict(int predictor, int ra, int rb, int rc) {
        return switch (predictor) {
            case 1 -> ra;
            case 2 -> rb;
            case 3 -> rc;
            case 4 -> ra + rb - rc;
            case 5 -> ra + ((rb - rc) >> 1);
            case 6 -> rb + ((ra - rc) >> 1);
            default -> (ra + rb) >> 1;
        };
    }

    /** One Huffman-coded difference (T.81 H.1.2.2; category 16 means 32768 with no extra bits). */
    private static int difference(JpegHuffmanTable t, JpegBitReader in) throws PixelDataException {
        int ssss = t.decode(in);
        if (ssss == 0) {
            return 0;
        }
        if (ssss >= 16) {
            if (ssss == 16) {
                return 32768;
            }
            throw new PixelDataException("corrupt JPEG lossless data: difference category " + ssss
                    + " near byte " + in.position());
        }
        return in.receiveExtend(ssss);
    }
}
