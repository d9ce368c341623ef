package org.pleura.dicom.pixel;

/**
 * Walks the markers of one JPEG interchange-format codestream (T.81 annex B) from SOI to EOI,
 * collecting tables and the frame header and decoding each scan as it comes. One instance per
 * decode; not thread-safe.
 */
final class JpegCodestream {
    private final byte[] data;
    private final int end;
    private final FrameFormat format;
    private final JpegHuffmanTable[] dcTables = new JpegHuffmanTable[4];
    private final JpegHuffmanTable[] acTables = new JpegHuffmanTable[4];
    private final int[][] quantTables = new int[4][];
    private int restartInterval;
    private JpegFrame frame;
    private JpegDctScan dctScan;
    /** Point transform of each component (lossless only), applied once the frame is decoded. */
    private int[] pointTransforms;

    JpegCodestream(byte[] data, FrameFormat format) {
        this.data = data;
        this.end = data.length;
        this.format = format;
    }

    DecodedFrame decode() throws PixelDataException {
        if (end < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != 0xD8) {
            throw new PixelDataException("not a JPEG codestream: it does not start with the SOI marker (FFD8)");
        }
        int pos = 2;
        while (true) {
            while (pos < end && data[pos] != (byte) 0xFF) {
                pos++; // extraneous bytes between segments, skipped as libjpeg does
            }
            while (pos < end && data[pos] == (byte) 0xFF) {
                pos++; // fill bytes
            }
            if (pos >= end) {
                break; // no EOI: accepted if the image is complete
            }
            int marker = data[pos++] & 0xFF;
            if (marker == 0xD9) {
                break; // EOI; anything after it (DICOM padding) is ignored
            }
            if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // stuffed byte, TEM or a stray RSTn outside a scan: no segment
            }
            if (marker == 0xD8) {
                throw new PixelDataException("corrupt JPEG data: second SOI marker at byte " + (pos - 2));
            }
            if (pos + 2 > end) {
                throw truncated(pos);
            }
            int length = u16(pos);
            if (length < 2 || pos + length > end) {
                throw truncated(pos);
            }
            int start = pos + 2;
            int segmentEnd = pos + length;
            pos = segmentEnd;
            switch (marker) {
                case 0xC0, 0xC1, 0xC3 -> readFrameHeader(marker, start, segmentEnd);
                case 0xC4 -> readHuffmanTables(start, segmentEnd);
                case 0xDB -> readQuantTables(start, segmentEnd);
                case 0xDD -> readRestartInterval(start, segmentEnd);
                case 0xDA -> pos = readScan(start, segmentEnd);
                case 0xC2 -> throw unsupported("progressive DCT (SOF2, processes 10-13)");
                case 0xC5, 0xC6, 0xC7 -> throw unsupported("hierarchical (SOF" + (marker - 0xC0) + ")");
                case 0xC8 -> throw unsupported("reserved JPEG extension (JPG marker FFC8)");
                case 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF, 0xCC ->
                        throw unsupported("arithmetic coding (marker FF" + Integer.toHexString(marker).toUpperCase() + ")");
                case 0xDC -> throw unsupported("number of lines defined after the first scan (DNL marker)");
                case 0xF7, 0xF8 -> throw new PixelDataException(
                        "this is a JPEG-LS codestream, not JPEG: the transfer syntax does not match the pixel data");
                default -> {
                    // APPn, COM and other segments carry nothing the samples depend on
                }
            }
        }
        if (frame == null) {
            throw new PixelDataException("JPEG data has no frame header (SOF marker): truncated or not an image");
        }
        for (JpegComponent c : frame.components) {
            if (!c.coded) {
                throw new PixelDataException("JPEG data ends before component " + c.id
                        + " was decoded: the frame is truncated");
            }
        }
        if (frame.lossless()) {
            applyPointTransforms();
        }
        int[] samples = JpegUpsampler.interleave(frame, !frame.lossless());
        return new DecodedFrame(frame.rows, frame.columns, frame.components.length, frame.precision, samples);
    }

    private void readFrameHeader(int marker, int p, int segmentEnd) throws PixelDataException {
        if (frame != null) {
            throw unsupported("more than one frame in the codestream");
        }
        if (segmentEnd - p < 6) {
            throw corrupt("frame header too short");
        }
        int precision = data[p] & 0xFF;
        int rows = u16(p + 1);
        int columns = u16(p + 3);
        int count = data[p + 5] & 0xFF;
        boolean lossless = marker == 0xC3;
        if (lossless ? (precision < 2 || precision > 16) : (precision != 8 && precision != 12)) {
            throw unsupported((lossless ? "lossless" : "DCT") + " sample precision of " + precision + " bits");
        }
        if (rows == 0) {
            throw unsupported("number of lines defined after the first scan (DNL marker)");
        }
        if (columns == 0 || count < 1 || count > 4) {
            throw corrupt("frame header declares " + columns + " columns and " + count + " components");
        }
        if (rows != format.rows() || columns != format.columns() || count != format.samplesPerPixel()) {
            throw new PixelDataException("JPEG frame is " + columns + "x" + rows + " with " + count
                    + " component(s) but the DICOM header declares " + format.columns() + "x" + format.rows()
                    + " with " + format.samplesPerPixel() + " sample(s) per pixel");
        }
        if (segmentEnd - p < 6 + 3 * count) {
            throw corrupt("frame header too short for " + count + " components");
        }
        JpegComponent[] comps = new JpegComponent[count];
        for (int i = 0; i < count; i++) {
            int q = p + 6 + 3 * i;
            int id = data[q] & 0xFF;
            int h = (data[q + 1] & 0xFF) >> 4;
            int v = data[q + 1] & 0x0F;
            int tq = data[q + 2] & 0xFF;
            if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) {
                throw corrupt("component " + id + " has sampling " + h + "x" + v + " and table " + tq);
            }
            for (int j = 0; j < i; j++) {
                if (comps[j].id == id) {
                    throw corrupt("two components with identifier " + id);
                }
            }
            comps[i] = new JpegComponent(id, h, v, tq);
        }
        frame = new JpegFrame(marker, precision, rows, columns, comps);
        if (lossless && count > 1) {
            for (JpegComponent c : comps) {
                if (c.horizontalSampling != frame.maxHorizontalSampling
                        || c.verticalSampling != frame.maxVerticalSampling) {
                    throw unsupported("lossless frame with subsampled components");
                }
            }
        }
        for (JpegComponent c : comps) {
            c.plane = new int[c.width * c.height];
        }
        pointTransforms = new int[count];
        if (!lossless) {
            dctScan = new JpegDctScan(precision);
        }
    }

    private void readHuffmanTables(int p, int segmentEnd) throws PixelDataException {
        while (p < segmentEnd) {
            if (p + 17 > segmentEnd) {
                throw corrupt("Huffman table segment too short");
            }
            int tc = (data[p] & 0xFF) >> 4;
            int th = data[p] & 0x0F;
            if (tc > 1 || th > 3) {
                throw corrupt("Huffman table class " + tc + " destination " + th);
            }
            int[] counts = new int[16];
            int total = 0;
            for (int i = 0; i < 16; i++) {
                counts[i] = data[p + 1 + i] & 0xFF;
                total += counts[i];
            }
            p += 17;
            if (total > 256 || p + total > segmentEnd) {
                throw corrupt("Huffman table with " + total + " codes does not fit its segment");
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = data[p + i] & 0xFF;
            }
            p += total;
            JpegHuffmanTable table = new JpegHuffmanTable(counts, symbols);
            if (tc == 0) {
                dcTables[th] = table;
            } else {
                acTables[th] = table;
            }
        }
    }

    private void readQuantTables(int p, int segmentEnd) throws PixelDataException {
        while (p < segmentEnd) {
            int pq = (data[p] & 0xFF) >> 4;
            int tq = data[p] & 0x0F;
            if (pq > 1 || tq > 3) {
                throw corrupt("quantization table precision " + pq + " destination " + tq);
            }
            int size = pq == 0 ? 64 : 128;
            if (p + 1 + size > segmentEnd) {
                throw corrupt("quantization table segment too short");
            }
            int[] table = new int[64];
            for (int k = 0; k < 64; k++) {
                int value = pq == 0 ? data[p + 1 + k] & 0xFF : u16(p + 1 + 2 * k);
                table[JpegDctScan.NATURAL_ORDER[k]] = value;
            }
            quantTables[tq] = table;
            p += 1 + size;
        }
    }

    private void readRestartInterval(int p, int segmentEnd) throws PixelDataException {
        if (segmentEnd - p < 2) {
            throw corrupt("restart interval segment too short");
        }
        restartInterval = u16(p);
    }

    /** Reads the scan header, decodes the scan, and returns the position after its entropy-coded data. */
    private int readScan(int p, int segmentEnd) throws PixelDataException {
        if (frame == null) {
            throw corrupt("scan before the frame header");
        }
        int count = segmentEnd - p >= 1 ? data[p] & 0xFF : 0;
        if (count < 1 || count > frame.components.length || segmentEnd - p < 4 + 2 * count) {
            throw corrupt("scan header with " + count + " components");
        }
        JpegComponent[] scan = new JpegComponent[count];
        int blocksPerMcu = 0;
        for (int i = 0; i < count; i++) {
            int id = data[p + 1 + 2 * i] & 0xFF;
            int td = (data[p + 2 + 2 * i] & 0xFF) >> 4;
            int ta = data[p + 2 + 2 * i] & 0x0F;
            JpegComponent c = component(id);
            for (int j = 0; j < i; j++) {
                if (scan[j] == c) {
                    throw corrupt("component " + id + " twice in one scan");
                }
            }
            if (c.coded) {
                throw corrupt("component " + id + " coded in two scans of a sequential frame");
            }
            if (td > 3 || dcTables[td] == null) {
                throw corrupt("scan uses Huffman table " + td + " for component " + id + " but it is not defined");
            }
            c.dcTable = dcTables[td];
            if (!frame.lossless()) {
                if (ta > 3 || acTables[ta] == null) {
                    throw corrupt("scan uses AC Huffman table " + ta + " for component " + id
                            + " but it is not defined");
                }
                c.acTable = acTables[ta];
                if (quantTables[c.quantTableIndex] == null) {
                    throw corrupt("quantization table " + c.quantTableIndex + " is not defined");
                }
                c.quant = quantTables[c.quantTableIndex].clone();
            }
            blocksPerMcu += c.horizontalSampling * c.verticalSampling;
            scan[i] = c;
        }
        int q = p + 1 + 2 * count;
        int ss = data[q] & 0xFF;
        int al = data[q + 2] & 0x0F;
        if (count > 1 && blocksPerMcu > 10) {
            throw corrupt("scan has " + blocksPerMcu + " blocks per MCU (at most 10 allowed)");
        }
        JpegBitReader in = new JpegBitReader(data, segmentEnd, end);
        if (frame.lossless()) {
            if (ss < 1 || ss > 7) {
                throw corrupt("lossless predictor selection value " + ss + " (1..7 expected)");
            }
            if (al >= frame.precision) {
                throw corrupt("point transform " + al + " not below the precision " + frame.precision);
            }
            int mcusPerRow = scan[0].width;
            if (restartInterval % mcusPerRow != 0) {
                throw unsupported("lossless restart interval of " + restartInterval
                        + " MCUs that is not a whole number of rows of " + mcusPerRow);
            }
            JpegLosslessScan.decode(frame, scan, ss, al, restartInterval, in);
            for (JpegComponent c : scan) {
                pointTransforms[indexOf(c)] = al;
            }
        } else {
            dctScan.decode(frame, scan, restartInterval, in);
        }
        for (JpegComponent c : scan) {
            c.coded = true;
        }
        return in.finish();
    }

    private void applyPointTransforms() {
        for (int i = 0; i < frame.components.length; i++) {
            int al = pointTransforms[i];
            if (al > 0) {
                int[] plane = frame.components[i].plane;
                for (int j = 0; j < plane.length; j++) {
                    plane[j] = (plane[j] << al) & 0xFFFF;
                }
            }
        }
    }

    private JpegComponent component(int id) throws PixelDataException {
        for (JpegComponent c : frame.components) {
            if (c.id == id) {
                return c;
            }
        }
        throw corrupt("scan refers to component " + id + " which the frame does not declare");
    }

    private int indexOf(JpegComponent c) {
        JpegComponent[] comps = frame.components;
        for (int i = 0; i < comps.length; i++) {
            if (comps[i] == c) {
                return i;
            }
        }
        throw new IllegalStateException("component not in frame");
    }

    private int u16(int p) {
        return ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
    }

    private static PixelDataException truncated(int pos) {
        return new PixelDataException("JPEG data is truncated: a marker segment at byte " + pos
                + " runs past the end of the frame");
    }

    private static PixelDataException corrupt(String what) {
        return new PixelDataException("corrupt JPEG data: " + what);
    }

    private static PixelDataException unsupported(String what) {
        return new PixelDataException("unsupported JPEG coding process: " + what
                + "; only Huffman-coded baseline, extended (8/12-bit) and lossless (process 14) are decoded");
    }
}
