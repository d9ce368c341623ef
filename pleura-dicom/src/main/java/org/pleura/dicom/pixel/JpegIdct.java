package org.pleura.dicom.pixel;

/**
 * The accurate integer inverse DCT of the Independent JPEG Group's libjpeg ({@code jidctint.c},
 * "ISLOW", the Loeffler-Ligtenberg-Moschytz algorithm with 13-bit constants), which is what
 * dcmtk's {@code dcmdjpeg} uses: same constants, same two passes, same rounding, same output range
 * limiting, so decoded samples match libjpeg's. 8-bit data keeps two extra bits between the passes,
 * 12-bit data one (libjpeg's {@code PASS1_BITS}).
 *
 * <p>One instance per decode: it owns its work buffer.
 */
final class JpegIdct {
    private static final int CONST_BITS = 13;
    private static final long FIX_0_298631336 = 2446;
    private static final long FIX_0_390180644 = 3196;
    private static final long FIX_0_541196100 = 4433;
    private static final long FIX_0_765366865 = 6270;
    private static final long FIX_0_899976223 = 7373;
    private static final long FIX_1_175875602 = 9633;
    private static final long FIX_1_501321110 = 12299;
    private static final long FIX_1_847759065 = 15137;
    private static final long FIX_1_961570560 = 16069;
    private static final long FIX_2_053119869 = 16819;
    private static final long FIX_2_562915447 = 20995;
    private static final long FIX_3_072711026 = 25172;

    private final int pass1Bits;
    /** libjpeg's post-IDCT range-limit table, indexed by the descaled value masked to its size. */
    private final int[] rangeLimit;
    private final int rangeMask;
    private final int[] workspace = new int[64];
    /** One output row of a block cut by the image edge. */
    private final int[] edgeRow = new int[8];

    /** @param precision 8 or 12 */
    JpegIdct(int precision) {
        this.pass1Bits = precision == 8 ? 2 : 1;
        int max = (1 << precision) - 1;
        int center = 1 << (precision - 1);
        int size = 4 * (max + 1);
        rangeMask = size - 1;
        rangeLimit = new int[size];
        for (int i = 0; i < size; i++) {
            int value;
            if (i <= max - center) {
                value = i + center;
            } else if (i < 2 * (max + 1)) {
                value = max;
            } else if (i < size - center) {
                value = 0;
            } else {
                value = i - (size - center);
            }
            rangeLimit[i] = value;
        }
    }

    /**
     * Dequantizes and inverse-transforms one block, writing the top-left {@code width x height}
     * samples (level-shifted and range-limited) into {@code out}.
     *
     * @param coef      the 64 quantized coefficients in natural (row-major) order
     * @param quant     the 64 quantization values in natural order
     * @param out       destination plane
     * @param offset    index in {@code out} of the block's top-left sample
     * @param stride    distance between two rows in {@code out}
     * @param width     number of columns to write (1..8)
     * @param height    number of rows to write (1..8)
     */
    void transform(int[] coef, int[] quant, int[] out, int offset, int stride, int width, int height) {
        final int p1 = pass1Bits;
        final int[] ws = workspace;
        // Pass 1: columns from the input into the workspace.
        for (int c = 0; c < 8; c++) {
            if (coef[8 + c] == 0 && coef[16 + c] == 0 && coef[24 + c] == 0 && coef[32 + c] == 0
                    && coef[40 + c] == 0 && coef[48 + c] == 0 && coef[56 + c] == 0) {
                int dc = (coef[c] * quant[c]) << p1;
                ws[c] = dc;
                ws[8 + c] = dc;
                ws[16 + c] = dc;
                ws[24 + c] = dc;
                ws[32 + c] = dc;
                ws[40 + c] = dc;
                ws[48 + c] = dc;
                ws[56 + c] = dc;
                continue;
            }
            long z2 = (long) coef[16 + c] * quant[16 + c];
            long z3 = (long) coef[48 + c] * quant[48 + c];
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            z2 = (long) coef[c] * quant[c];
            z3 = (long) coef[32 + c] * quant[32 + c];
            long tmp0 = (z2 + z3) << CONST_BITS;
            long tmp1 = (z2 - z3) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;

            tmp0 = (long) coef[56 + c] * quant[56 + c];
            tmp1 = (long) coef[40 + c] * quant[40 + c];
            tmp2 = (long) coef[24 + c] * quant[24 + c];
            tmp3 = (long) coef[8 + c] * quant[8 + c];
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            long z4 = tmp1 + tmp3;
            long z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 = tmp0 * FIX_0_298631336;
            tmp1 = tmp1 * FIX_2_053119869;
            tmp2 = tmp2 * FIX_3_072711026;
            tmp3 = tmp3 * FIX_1_501321110;
            z1 = z1 * -FIX_0_899976223;
            z2 = z2 * -FIX_2_562915447;
            z3 = z3 * -FIX_1_961570560;
            z4 = z4 * -FIX_0_390180644;
            z3 += z5;
            z4 += z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            int shift = CONST_BITS - p1;
            long round = 1L << (shift - 1);
            ws[c] = (int) ((tmp10 + tmp3 + round) >> shift);
            ws[56 + c] = (int) ((tmp10 - tmp3 + round) >> shift);
            ws[8 + c] = (int) ((tmp11 + tmp2 + round) >> shift);
            ws[48 + c] = (int) ((tmp11 - tmp2 + round) >> shift);
            ws[16 + c] = (int) ((tmp12 + tmp1 + round) >> shift);
            ws[40 + c] = (int) ((tmp12 - tmp1 + round) >> shift);
            ws[24 + c] = (int) ((tmp13 + tmp0 + round) >> shift);
            ws[32 + c] = (int) ((tmp13 - tmp0 + round) >> shift);
        }
        // Pass 2: rows from the workspace to the output.
        final int[] limit = rangeLimit;
        final int mask = rangeMask;
        final int shift = CONST_BITS + p1 + 3;
        final long round = 1L << (shift - 1);
        for (int r = 0; r < height; r++) {
            int w = r * 8;
            int o = offset + r * stride;
            long z2 = ws[w + 2];
            long z3 = ws[w + 6];
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            long tmp0 = ((long) ws[w] + ws[w + 4]) << CONST_BITS;
            long tmp1 = ((long) ws[w] - ws[w + 4]) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;

            tmp0 = ws[w + 7];
            tmp1 = ws[w + 5];
            tmp2 = ws[w + 3];
            tmp3 = ws[w + 1];
            z1 = tmp0 + tmp3;
            z2 = tmp1 + tmp2;
            z3 = tmp0 + tmp2;
            long z4 = tmp1 + tmp3;
            long z5 = (z3 + z4) * FIX_1_175875602;
            tmp0 = tmp0 * FIX_0_298631336;
            tmp1 = tmp1 * FIX_2_053119869;
            tmp2 = tmp2 * FIX_3_072711026;
            tmp3 = tmp3 * FIX_1_501321110;
            z1 = z1 * -FIX_0_899976223;
            z2 = z2 * -FIX_2_562915447;
            z3 = z3 * -FIX_1_961570560;
            z4 = z4 * -FIX_0_390180644;
            z3 += z5;
            z4 += z5;
            tmp0 += z1 + z3;
            tmp1 += z2 + z4;
            tmp2 += z2 + z3;
            tmp3 += z1 + z4;

            if (width == 8) {
                out[o] = limit[(int) ((tmp10 + tmp3 + round) >> shift) & mask];
                out[o + 7] = limit[(int) ((tmp10 - tmp3 + round) >> shift) & mask];
                out[o + 1] = limit[(int) ((tmp11 + tmp2 + round) >> shift) & mask];
                out[o + 6] = limit[(int) ((tmp11 - tmp2 + round) >> shift) & mask];
                out[o + 2] = limit[(int) ((tmp12 + tmp1 + round) >> shift) & mask];
                out[o + 5] = limit[(int) ((tmp12 - tmp1 + round) >> shift) & mask];
                out[o + 3] = limit[(int) ((tmp13 + tmp0 + round) >> shift) & mask];
                out[o + 4] = limit[(int) ((tmp13 - tmp0 + round) >> shift) & mask];
            } else {
                int[] edge = edgeRow;
                edge[0] = limit[(int) ((tmp10 + tmp3 + round) >> shift) & mask];
                edge[7] = limit[(int) ((tmp10 - tmp3 + round) >> shift) & mask];
                edge[1] = limit[(int) ((tmp11 + tmp2 + round) >> shift) & mask];
                edge[6] = limit[(int) ((tmp11 - tmp2 + round) >> shift) & mask];
                edge[2] = limit[(int) ((tmp12 + tmp1 + round) >> shift) & mask];
                edge[5] = limit[(int) ((tmp12 - tmp1 + round) >> shift) & mask];
                edge[3] = limit[(int) ((tmp13 + tmp0 + round) >> shift) & mask];
                edge[4] = limit[(int) ((tmp13 - tmp0 + round) >> shift) & mask];
                System.arraycopy(edge, 0, out, o, width);
            }
        }
    }
}
