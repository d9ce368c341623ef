package org.pleura.dicom.pixel;

/**
 * The preset coding parameters of a JPEG-LS scan (T.87 C.2.4.1.1): the largest sample value, the
 * three gradient quantization thresholds and the context statistics reset interval, with the
 * scan's NEAR bound. Built from the LSE (id 1) values, where 0 means "the default".
 *
 * @param maxVal largest sample value MAXVAL
 * @param t1     first gradient threshold
 * @param t2     second gradient threshold
 * @param t3     third gradient threshold
 * @param reset  RESET: the count at which context statistics are halved
 * @param near   NEAR: the largest error allowed (0 for lossless)
 */
record JpegLsCodingParameters(int maxVal, int t1, int t2, int t3, int reset, int near) {

    private static final int DEFAULT_RESET = 64;

    /**
     * Resolves the LSE values (0 = default) for a scan of {@code precision} bits and the given
     * NEAR, and checks them against the ranges of T.87 Table C.1.
     *
     * @throws PixelDataException when a value is out of range
     */
    static JpegLsCodingParameters resolve(int precision, int near, int lseMaxVal, int lseT1, int lseT2, int lseT3,
                                          int lseReset) throws PixelDataException {
        int maxComponentValue = (1 << precision) - 1;
        if (lseMaxVal != 0 && lseMaxVal > maxComponentValue) {
            throw new PixelDataException("JPEG-LS MAXVAL " + lseMaxVal + " exceeds the " + precision + "-bit precision");
        }
        int maxVal = lseMaxVal != 0 ? lseMaxVal : maxComponentValue;
        if (maxVal < 1) {
            throw new PixelDataException("JPEG-LS MAXVAL " + maxVal + " is invalid");
        }
        if (near < 0 || near > Math.min(255, maxVal / 2)) {
            throw new PixelDataException("JPEG-LS NEAR " + near + " is out of range for MAXVAL " + maxVal);
        }
        int[] defaults = defaultThresholds(maxVal, near);
        int t1 = lseT1 != 0 ? lseT1 : defaults[0];
        int t2 = lseT2 != 0 ? lseT2 : defaults[1];
        int t3 = lseT3 != 0 ? lseT3 : defaults[2];
        int reset = lseReset != 0 ? lseReset : DEFAULT_RESET;
        if (t1 < near + 1 || t1 > maxVal || t2 < t1 || t2 > maxVal || t3 < t2 || t3 > maxVal) {
            throw new PixelDataException("JPEG-LS thresholds T1=" + t1 + ", T2=" + t2 + ", T3=" + t3
                    + " are out of range for MAXVAL " + maxVal + " and NEAR " + near);
        }
        if (reset < 3 || reset > Math.max(255, maxVal)) {
            throw new PixelDataException("JPEG-LS RESET " + reset + " is out of range");
        }
        return new JpegLsCodingParameters(maxVal, t1, t2, t3, reset, near);
    }

    /** Default T1, T2, T3 of T.87 C.2.4.1.1.1 for this MAXVAL and NEAR. */
    static int[] defaultThresholds(int maxVal, int near) {
        final int basicT1 = 3;
        final int basicT2 = 7;
        final int basicT3 = 21;
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) / 256;
            t1 = clamp(factor * (basicT1 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (basicT2 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (basicT3 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, basicT1 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, basicT2 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, basicT3 / factor + 7 * near), t2, maxVal);
        }
        return new int[] {t1, t2, t3};
    }

    /** CLAMP of T.87 Figure C.3: {@code i} if within [j, maxVal], otherwise {@code j}. */
    private static int clamp(int i, int j, int maxVal) {
        return i > maxVal || i < j ? j : i;
    }

    /** RANGE: the number of distinct quantized prediction errors (T.87 A.2.1). */
    int range() {
        return (maxVal + 2 * near) / (2 * near + 1) + 1;
    }

    /** qbpp: bits for a mapped error value, ceil(log2(RANGE)). */
    int quantizedBitsPerSample() {
        return ceilLog2(range());
    }

    /** LIMIT: the longest Golomb code in regular mode, 2 * (bpp + max(8, bpp)). */
    int limit() {
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        return 2 * (bpp + Math.max(8, bpp));
    }

    private static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
