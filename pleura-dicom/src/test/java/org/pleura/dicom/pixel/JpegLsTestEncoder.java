package org.pleura.dicom.pixel;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A test-only JPEG-LS encoder (T.87 Annex A, encoder side), written plainly to make codestreams
 * that dcmtk cannot: restart intervals, 2-bit samples, a MAXVAL that is not 2^P - 1, LSE segments
 * placed anywhere. Its fidelity is checked by {@code JpegLsTestEncoderTest}: on real images it
 * writes scan data byte-identical to dcmtk's {@code dcmcjpls}.
 */
final class JpegLsTestEncoder {

    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9,
        10, 11, 12, 13, 14, 15};

    /**
     * What to encode and how.
     *
     * @param precision       P, 2 to 16
     * @param near            NEAR, 0 for lossless
     * @param interleave      ILV 0, 1 or 2
     * @param restartInterval lines per restart interval, 0 for none
     * @param lse             LSE id 1 values {MAXVAL, T1, T2, T3, RESET} (0 = default), or null for no LSE
     * @param lsePerScan      with ILV 0: LSE values written before each component's scan, or null
     */
    record Options(int precision, int near, int interleave, int restartInterval, int[] lse, int[][] lsePerScan) {
        Options(int precision, int near, int interleave, int restartInterval, int[] lse) {
            this(precision, near, interleave, restartInterval, lse, null);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int current;
    private int currentBits;
    private boolean lastWasFF;

    private int maxVal;
    private int near;
    private int range;
    private int qbpp;
    private int limit;
    private int reset;
    private int t1;
    private int t2;
    private int t3;
    private final int[] a = new int[367];
    private final int[] b = new int[365];
    private final int[] c = new int[365];
    private final int[] n = new int[367];
    private final int[] nn = new int[367];
    private int runIndex;

    private JpegLsTestEncoder() {
    }

    /** Encodes {@code samples} (rows x columns x components, interleaved by pixel) into a codestream. */
    static byte[] encode(int[] samples, int rows, int columns, int components, Options o) {
        return new JpegLsTestEncoder().run(samples, rows, columns, components, o);
    }

    private byte[] run(int[] samples, int rows, int columns, int components, Options o) {
        int[] lse = o.lse() == null ? new int[5] : o.lse();
        useParameters(o, lse);
        writeFrameHeader(rows, columns, components, o, lse);
        if (o.interleave() == 0) {
            for (int i = 0; i < components; i++) {
                if (o.lsePerScan() != null) {
                    writeLse(o.lsePerScan()[i]);
                    useParameters(o, o.lsePerScan()[i]);
                }
                scanHeader(new int[] {i}, o);
                encodeLines(samples, rows, columns, components, new int[] {i}, o.restartInterval());
            }
        } else {
            int[] all = new int[components];
            Arrays.setAll(all, i -> i);
            scanHeader(all, o);
            if (o.interleave() == 1 || components == 1) {
                encodeLines(samples, rows, columns, components, all, o.restartInterval());
            } else {
                encodePixels(samples, rows, columns, components, o.restartInterval());
            }
        }
        marker(0xD9);
        return out.toByteArray();
    }

    private void useParameters(Options o, int[] lse) {
        JpegLsCodingParameters p;
        try {
            p = JpegLsCodingParameters.resolve(o.precision(), o.near(), lse[0], lse[1], lse[2], lse[3], lse[4]);
        } catch (PixelDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        maxVal = p.maxVal();
        near = p.near();
        range = p.range();
        qbpp = p.quantizedBitsPerSample();
        limit = p.limit();
        reset = p.reset();
        t1 = p.t1();
        t2 = p.t2();
        t3 = p.t3();
    }

    private void writeFrameHeader(int rows, int columns, int components, Options o, int[] lse) {
        marker(0xD8);
        marker(0xF7);
        u16(8 + 3 * components);
        out.write(o.precision());
        u16(rows);
        u16(columns);
        out.write(components);
        for (int i = 0; i < components; i++) {
            out.write(i + 1);
            out.write(0x11);
            out.write(0);
        }
        if (o.lse() != null) {
            writeLse(lse);
        }
        if (o.restartInterval() > 0) {
            marker(0xDD);
            u16(4);
            u16(o.restartInterval());
        }
    }

    private void writeLse(int[] values) {
        marker(0xF8);
        u16(13);
        out.write(1);
        for (int v : values) {
            u16(v);
        }
    }

    private void scanHeader(int[] components, Options o) {
        marker(0xDA);
        u16(6 + 2 * components.length);
        out.write(components.length);
        for (int i : components) {
            out.write(i + 1);
            out.write(0);
        }
        out.write(o.near());
        out.write(o.interleave());
        out.write(0);
    }

    private void resetStatistics() {
        int initialA = Math.max(2, (range + 32) / 64);
        Arrays.fill(a, initialA);
        Arrays.fill(b, 0);
        Arrays.fill(c, 0);
        Arrays.fill(n, 1);
        Arrays.fill(nn, 0);
        runIndex = 0;
    }

    private void encodeLines(int[] samples, int rows, int columns, int frameComponents, int[] components,
                             int restartInterval) {
        resetStatistics();
        int count = components.length;
        int[][] lines = new int[2 * count][columns + 2];
        int[] runIndices = new int[count];
        int[] source = new int[columns + 2];
        int restart = 0;
        for (int row = 0; row < rows; row++) {
            if (restartInterval > 0 && row > 0 && row % restartInterval == 0) {
                flush();
                marker(0xD0 + restart);
                restart = (restart + 1) & 7;
                resetStatistics();
                Arrays.fill(runIndices, 0);
                for (int[] line : lines) {
                    Arrays.fill(line, 0);
                }
            }
            for (int i = 0; i < count; i++) {
                int[] previous = lines[2 * i + (row & 1)];
                int[] current = lines[2 * i + 1 - (row & 1)];
                for (int x = 0; x < columns; x++) {
                    source[x + 1] = samples[(row * columns + x) * frameComponents + components[i]];
                }
                runIndex = runIndices[i];
                encodeLine(source, previous, current, columns);
                runIndices[i] = runIndex;
            }
        }
        flush();
    }

    private void encodeLine(int[] source, int[] previous, int[] current, int width) {
        previous[width + 1] = previous[width];
        current[0] = previous[1];
        int x = 1;
        while (x <= width) {
            int ra = current[x - 1];
            int rb = previous[x];
            int rc = previous[x - 1];
            int rd = previous[x + 1];
            int qs = context(rd - rb, rb - rc, rc - ra);
            if (qs != 0) {
                current[x] = encodeRegular(qs, source[x], predict(ra, rb, rc));
                x++;
                continue;
            }
            int run = 0;
            while (x + run <= width && Math.abs(source[x + run] - ra) <= near) {
                current[x + run] = ra;
                run++;
            }
            boolean endOfLine = x + run > width;
            encodeRunLength(run, endOfLine);
            x += run;
            if (!endOfLine) {
                current[x] = encodeRunInterruption(source[x], ra, previous[x]);
                if (runIndex > 0) {
                    runIndex--;
                }
                x++;
            }
        }
    }

    private void encodePixels(int[] samples, int rows, int columns, int count, int restartInterval) {
        resetStatistics();
        int[][] lines = {new int[(columns + 2) * count], new int[(columns + 2) * count]};
        int restart = 0;
        int[] qs = new int[count];
        for (int row = 0; row < rows; row++) {
            if (restartInterval > 0 && row > 0 && row % restartInterval == 0) {
                flush();
                marker(0xD0 + restart);
                restart = (restart + 1) & 7;
                resetStatistics();
                Arrays.fill(lines[0], 0);
                Arrays.fill(lines[1], 0);
            }
            int[] previous = lines[row & 1];
            int[] current = lines[1 - (row & 1)];
            for (int i = 0; i < count; i++) {
                previous[(columns + 1) * count + i] = previous[columns * count + i];
                current[i] = previous[count + i];
            }
            int base = row * columns * count;
            int x = 1;
            while (x <= columns) {
                boolean allZero = true;
                for (int i = 0; i < count; i++) {
                    int p = x * count + i;
                    qs[i] = context(previous[p + count] - previous[p], previous[p] - previous[p - count],
                            previous[p - count] - current[p - count]);
                    allZero &= qs[i] == 0;
                }
                if (!allZero) {
                    for (int i = 0; i < count; i++) {
                        int p = x * count + i;
                        current[p] = encodeRegular(qs[i], samples[base + (x - 1) * count + i],
                                predict(current[p - count], previous[p], previous[p - count]));
                    }
                    x++;
                    continue;
                }
                int run = 0;
                while (x + run <= columns && pixelNear(samples, base + (x + run - 1) * count, current, (x - 1) * count,
                        count)) {
                    System.arraycopy(current, (x - 1) * count, current, (x + run) * count, count);
                    run++;
                }
                boolean endOfLine = x + run > columns;
                encodeRunLength(run, endOfLine);
                x += run;
                if (!endOfLine) {
                    for (int i = 0; i < count; i++) {
                        int ra = current[(x - 1) * count + i];
                        int rb = previous[x * count + i];
                        int value = samples[base + (x - 1) * count + i];
                        current[x * count + i] = encodeInterruptionComponent(value, ra, rb);
                    }
                    if (runIndex > 0) {
                        runIndex--;
                    }
                    x++;
                }
            }
        }
        flush();
    }

    private boolean pixelNear(int[] samples, int s, int[] line, int p, int count) {
        for (int i = 0; i < count; i++) {
            if (Math.abs(samples[s + i] - line[p + i]) > near) {
                return false;
            }
        }
        return true;
    }

    private int context(int d1, int d2, int d3) {
        return (quantize(d1) * 9 + quantize(d2)) * 9 + quantize(d3);
    }

    private int quantize(int d) {
        if (d <= -t3) {
            return -4;
        }
        if (d <= -t2) {
            return -3;
        }
        if (d <= -t1) {
            return -2;
        }
        if (d < -near) {
            return -1;
        }
        if (d <= near) {
            return 0;
        }
        if (d < t1) {
            return 1;
        }
        if (d < t2) {
            return 2;
        }
        return d < t3 ? 3 : 4;
    }

    private static int predict(int ra, int rb, int rc) {
        if (rc >= Math.max(ra, rb)) {
            return Math.min(ra, rb);
        }
        if (rc <= Math.min(ra, rb)) {
            return Math.max(ra, rb);
        }
        return ra + rb - rc;
    }

    private int clampSample(int v) {
        return Math.max(0, Math.min(maxVal, v));
    }

    private int quantizeError(int e) {
        int step = 2 * near + 1;
        return e > 0 ? (e + near) / step : -((near - e) / step);
    }

    private int moduloRange(int e) {
        if (e < 0) {
            e += range;
        }
        if (e >= (range + 1) / 2) {
            e -= range;
        }
        return e;
    }

    /** Regular mode (A.4 to A.6): returns the reconstructed sample. */
    private int encodeRegular(int qs, int value, int predicted) {
        int sign = qs < 0 ? -1 : 1;
        int q = Math.abs(qs);
        int px = clampSample(predicted + sign * c[q]);
        int error = quantizeError(sign * (value - px));
        int reconstructed = clampSample(px + sign * error * (2 * near + 1));
        error = moduloRange(error);
        int k = 0;
        while ((n[q] << k) < a[q]) {
            k++;
        }
        int mapped;
        if (near == 0 && k == 0 && 2 * b[q] <= -n[q]) {
            mapped = error >= 0 ? 2 * error + 1 : -2 * (error + 1);
        } else {
            mapped = error >= 0 ? 2 * error : -2 * error - 1;
        }
        golomb(mapped, k, limit);
        b[q] += error * (2 * near + 1);
        a[q] += Math.abs(error);
        if (n[q] == reset) {
            a[q] >>= 1;
            b[q] = b[q] >= 0 ? b[q] >> 1 : -((1 - b[q]) >> 1);
            n[q] >>= 1;
        }
        n[q]++;
        if (b[q] <= -n[q]) {
            b[q] += n[q];
            if (c[q] > -128) {
                c[q]--;
            }
            if (b[q] <= -n[q]) {
                b[q] = -n[q] + 1;
            }
        } else if (b[q] > 0) {
            b[q] -= n[q];
            if (c[q] < 127) {
                c[q]++;
            }
            if (b[q] > 0) {
                b[q] = 0;
            }
        }
        return reconstructed;
    }

    /** Run length coding (A.7.1.1). */
    private void encodeRunLength(int run, boolean endOfLine) {
        while (run >= (1 << J[runIndex])) {
            bit(1);
            run -= 1 << J[runIndex];
            if (runIndex < 31) {
                runIndex++;
            }
        }
        if (endOfLine) {
            if (run > 0) {
                bit(1);
            }
        } else {
            bit(0);
            bits(run, J[runIndex]);
        }
    }

    /** Run interruption sample of one component (A.7.2): returns the reconstructed sample. */
    private int encodeRunInterruption(int value, int ra, int rb) {
        int type = Math.abs(ra - rb) <= near ? 1 : 0;
        int px = type == 1 ? ra : rb;
        int sign = type == 0 && ra > rb ? -1 : 1;
        return encodeInterruption(value, px, sign, type);
    }

    /** Sample-interleaved run interruption component, as CharLS codes it: RItype 0 context, Px = Rb. */
    private int encodeInterruptionComponent(int value, int ra, int rb) {
        return encodeInterruption(value, rb, rb >= ra ? 1 : -1, 0);
    }

    private int encodeInterruption(int value, int px, int sign, int type) {
        int error = quantizeError(sign * (value - px));
        int reconstructed = clampSample(px + sign * error * (2 * near + 1));
        error = moduloRange(error);
        int q = 365 + type;
        int temp = type == 1 ? a[q] + (n[q] >> 1) : a[q];
        int k = 0;
        while ((n[q] << k) < temp) {
            k++;
        }
        boolean map = (k == 0 && error > 0 && 2 * nn[q] < n[q]) || (error < 0 && 2 * nn[q] >= n[q])
                || (error < 0 && k != 0);
        int mapped = 2 * Math.abs(error) - type - (map ? 1 : 0);
        golomb(mapped, k, limit - J[runIndex] - 1);
        if (error < 0) {
            nn[q]++;
        }
        a[q] += (mapped + 1 - type) >> 1;
        if (n[q] == reset) {
            a[q] >>= 1;
            n[q] >>= 1;
            nn[q] >>= 1;
        }
        n[q]++;
        return reconstructed;
    }

    /** Limited-length Golomb code (A.5.3). */
    private void golomb(int mapped, int k, int glimit) {
        int high = mapped >> k;
        int escape = glimit - qbpp - 1;
        if (high < escape) {
            bits(0, high);
            bit(1);
            bits(mapped & ((1 << k) - 1), k);
        } else {
            bits(0, escape);
            bit(1);
            bits(mapped - 1, qbpp);
        }
    }

    private void bits(int value, int count) {
        for (int i = count - 1; i >= 0; i--) {
            bit((value >>> i) & 1);
        }
    }

    /** One bit, with a zero bit stuffed at the top of the byte after each 0xFF (A.1). */
    private void bit(int bit) {
        current = (current << 1) | bit;
        currentBits++;
        if (currentBits == (lastWasFF ? 7 : 8)) {
            out.write(current);
            lastWasFF = current == 0xFF;
            current = 0;
            currentBits = 0;
        }
    }

    /** Pads the last byte with zero bits; a final 0xFF gets its stuffed zero byte before a marker. */
    private void flush() {
        while (currentBits != 0) {
            bit(0);
        }
        if (lastWasFF) {
            out.write(0);
            lastWasFF = false;
        }
    }

    private void marker(int code) {
        out.write(0xFF);
        out.write(code);
    }

    private void u16(int v) {
        out.write(v >> 8);
        out.write(v & 0xFF);
    }
}
