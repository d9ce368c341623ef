package org.pleura.dicom.pixel;

/**
 * Walks the markers of one JPEG-LS codestream (T.87 Annex D) from SOI to EOI: the frame header
 * (SOF55), preset parameters (LSE), restart interval (DRI) and each scan (SOS), decoded as it
 * comes. One instance per decode; not thread-safe.
 */
final class JpegLsCodestream {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DRI = 0xDD;
    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;
    private static final int APP8 = 0xE8;

    private final byte[] data;
    private final int end;
    private final FrameFormat format;

    private int precision;
    private int rows;
    private int columns;
    private int[] componentIds;
    private boolean[] decoded;
    private int decodedCount;
    private int[] samples;
    private int restartInterval;
    /** LSE id 1 values as received; 0 means default. */
    private int lseMaxVal;
    private int lseT1;
    private int lseT2;
    private int lseT3;
    private int lseReset;

    JpegLsCodestream(byte[] data, FrameFormat format) {
        this.data = data;
        this.end = data.length;
        this.format = format;
    }

    DecodedFrame decode() throws PixelDataException {
        if (end < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw new PixelDataException("not a JPEG-LS codestream: it does not start with the SOI marker (FFD8)");
        }
        int pos = 2;
        while (componentIds == null || decodedCount < componentIds.length) {
            while (pos < end && data[pos] != (byte) 0xFF) {
                pos++; // stray bytes between segments
            }
            while (pos < end && data[pos] == (byte) 0xFF) {
                pos++; // fill bytes
            }
            if (pos >= end) {
                break;
            }
            int marker = data[pos++] & 0xFF;
            if (marker == EOI) {
                break;
            }
            if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // no segment
            }
            if (marker == SOI) {
                throw new PixelDataException("corrupt JPEG-LS codestream: second SOI marker at byte " + (pos - 2));
            }
            if (pos + 2 > end) {
                throw truncated("the header of marker " + hex(marker));
            }
            int length = u16(pos);
            if (length < 2 || pos + length > end) {
                throw truncated("marker segment " + hex(marker));
            }
            int start = pos + 2;
            int segmentEnd = pos + length;
            pos = segmentEnd;
            switch (marker) {
                case SOF55 -> readFrameHeader(start, segmentEnd);
                case LSE -> readPresetParameters(start, segmentEnd);
                case DRI -> readRestartInterval(start, segmentEnd);
                case SOS -> pos = readScan(start, segmentEnd);
                case APP8 -> checkNoColourTransform(start, segmentEnd);
                case 0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                        throw new PixelDataException("this is a JPEG (SOF" + (marker - 0xC0)
                                + ") codestream, not JPEG-LS: the transfer syntax does not match the pixel data");
                case 0xF9 -> throw new PixelDataException("JPEG-LS extensions (ITU-T T.870, SOF57) are not supported");
                default -> {
                    // APPn, COM and others carry nothing the samples depend on
                }
            }
        }
        if (componentIds == null) {
            throw new PixelDataException("JPEG-LS codestream has no frame header (SOF55) or is truncated");
        }
        if (decodedCount < componentIds.length) {
            throw new PixelDataException("JPEG-LS codestream is truncated: " + decodedCount + " of "
                    + componentIds.length + " components were decoded");
        }
        return new DecodedFrame(rows, columns, componentIds.length, precision, samples);
    }

    private void readFrameHeader(int start, int segmentEnd) throws PixelDataException {
        if (componentIds != null) {
            throw new PixelDataException("corrupt JPEG-LS codestream: more than one frame header");
        }
        if (segmentEnd - start < 6) {
            throw truncated("the frame header");
        }
        precision = data[start] & 0xFF;
        int y = u16(start + 1);
        int x = u16(start + 3);
        int nf = data[start + 5] & 0xFF;
        if (precision < 2 || precision > 16) {
            throw new PixelDataException("JPEG-LS precision " + precision + " bits is not supported (2 to 16)");
        }
        if (nf < 1 || segmentEnd - start < 6 + 3 * nf) {
            throw new PixelDataException("corrupt JPEG-LS frame header: " + nf + " components");
        }
        componentIds = new int[nf];
        for (int i = 0; i < nf; i++) {
            int p = start + 6 + 3 * i;
            componentIds[i] = data[p] & 0xFF;
            int sampling = data[p + 1] & 0xFF;
            if (sampling != 0x11) {
                throw new PixelDataException("JPEG-LS subsampled components (sampling factors "
                        + (sampling >> 4) + "x" + (sampling & 15) + ") are not supported");
            }
            for (int j = 0; j < i; j++) {
                if (componentIds[j] == componentIds[i]) {
                    throw new PixelDataException("corrupt JPEG-LS frame header: component id "
                            + componentIds[i] + " appears twice");
                }
            }
        }
        // Y = 0 (lines given elsewhere) or X = 0: an LSE id 4 segment may set them; else the header.
        rows = y;
        columns = x;
        decoded = new boolean[nf];
    }

    private void readPresetParameters(int start, int segmentEnd) throws PixelDataException {
        if (segmentEnd - start < 1) {
            throw truncated("a preset parameters (LSE) segment");
        }
        int id = data[start] & 0xFF;
        switch (id) {
            case 1 -> {
                if (segmentEnd - start < 11) {
                    throw truncated("the preset coding parameters (LSE id 1)");
                }
                lseMaxVal = u16(start + 1);
                lseT1 = u16(start + 3);
                lseT2 = u16(start + 5);
                lseT3 = u16(start + 7);
                lseReset = u16(start + 9);
            }
            case 2, 3 -> throw new PixelDataException(
                    "JPEG-LS mapping tables (LSE id " + id + ", palette images) are not supported");
            case 4 -> readOversizeDimensions(start + 1, segmentEnd);
            default -> throw new PixelDataException("JPEG-LS preset parameters of unknown type " + id);
        }
    }

    private void readOversizeDimensions(int start, int segmentEnd) throws PixelDataException {
        if (componentIds == null || samples != null) {
            throw new PixelDataException("corrupt JPEG-LS codestream: image size (LSE id 4) outside the frame header");
        }
        if (segmentEnd - start < 1) {
            throw truncated("the image size (LSE id 4)");
        }
        int width = data[start] & 0xFF;
        if (width < 2 || width > 4 || segmentEnd - start < 1 + 2 * width) {
            throw new PixelDataException("corrupt JPEG-LS image size segment (LSE id 4)");
        }
        long y = unsigned(start + 1, width);
        long x = unsigned(start + 1 + width, width);
        if (y > Integer.MAX_VALUE || x > Integer.MAX_VALUE) {
            throw new PixelDataException("JPEG-LS image of " + x + " x " + y + " is too large");
        }
        rows = (int) y;
        columns = (int) x;
    }

    private void readRestartInterval(int start, int segmentEnd) throws PixelDataException {
        int width = segmentEnd - start;
        if (width < 2 || width > 4) {
            throw new PixelDataException("corrupt JPEG-LS restart interval segment (DRI) of " + width + " bytes");
        }
        long interval = unsigned(start, width);
        restartInterval = interval > Integer.MAX_VALUE ? 0 : (int) interval;
    }

    /** An APP8 "mrfx" segment announces an HP colour transform, which DICOM does not allow. */
    private void checkNoColourTransform(int start, int segmentEnd) throws PixelDataException {
        if (segmentEnd - start >= 5 && data[start] == 'm' && data[start + 1] == 'r' && data[start + 2] == 'f'
                && data[start + 3] == 'x' && data[start + 4] != 0) {
            throw new PixelDataException("JPEG-LS HP colour transform " + data[start + 4] + " is not supported");
        }
    }

    /** Reads an SOS header, decodes its scan, and returns the position of the marker after it. */
    private int readScan(int start, int segmentEnd) throws PixelDataException {
        if (componentIds == null) {
            throw new PixelDataException("corrupt JPEG-LS codestream: a scan (SOS) before the frame header");
        }
        checkFrameMatchesHeader();
        if (segmentEnd - start < 1) {
            throw truncated("a scan header");
        }
        int ns = data[start] & 0xFF;
        if (ns < 1 || segmentEnd - start < 4 + 2 * ns) {
            throw new PixelDataException("corrupt JPEG-LS scan header: " + ns + " components");
        }
        int[] components = new int[ns];
        for (int i = 0; i < ns; i++) {
            int id = data[start + 1 + 2 * i] & 0xFF;
            int table = data[start + 2 + 2 * i] & 0xFF;
            int index = componentIndex(id);
            if (decoded[index]) {
                throw new PixelDataException("corrupt JPEG-LS codestream: component " + id + " coded twice");
            }
            if (table != 0) {
                throw new PixelDataException("JPEG-LS mapping tables (palette images) are not supported");
            }
            for (int j = 0; j < i; j++) {
                if (components[j] == index) {
                    throw new PixelDataException("corrupt JPEG-LS scan header: component " + id + " listed twice");
                }
            }
            components[i] = index;
        }
        int p = start + 1 + 2 * ns;
        int near = data[p] & 0xFF;
        int interleave = data[p + 1] & 0xFF;
        int pointTransform = data[p + 2] & 0x0F;
        if (interleave > 2) {
            throw new PixelDataException("corrupt JPEG-LS scan header: interleave mode " + interleave);
        }
        if (interleave == 0 && ns != 1) {
            throw new PixelDataException("corrupt JPEG-LS scan header: " + ns + " components without interleaving");
        }
        if (pointTransform != 0) {
            throw new PixelDataException("JPEG-LS point transform " + pointTransform + " is not supported");
        }
        JpegLsCodingParameters parameters =
                JpegLsCodingParameters.resolve(precision, near, lseMaxVal, lseT1, lseT2, lseT3, lseReset);
        JpegLsScanDecoder reader = new JpegLsScanDecoder(data, segmentEnd, end, parameters);
        reader.decode(rows, columns, components, componentIds.length, interleave, restartInterval, samples);
        for (int index : components) {
            decoded[index] = true;
            decodedCount++;
        }
        return reader.nextMarkerPosition();
    }

    /** Before the first scan: the frame's size must be the DICOM header's; allocates the samples. */
    private void checkFrameMatchesHeader() throws PixelDataException {
        if (samples != null) {
            return;
        }
        if (rows == 0 && componentIds.length > 0) {
            rows = format.rows(); // lines not given in the frame header: the DICOM header's
        }
        if (rows != format.rows() || columns != format.columns() || componentIds.length != format.samplesPerPixel()) {
            throw new PixelDataException("JPEG-LS frame is " + columns + " x " + rows + " x " + componentIds.length
                    + " samples but the DICOM header says " + format.columns() + " x " + format.rows() + " x "
                    + format.samplesPerPixel());
        }
        if (rows < 1 || columns < 1) {
            throw new PixelDataException("JPEG-LS frame has no samples (" + columns + " x " + rows + ")");
        }
        long count = (long) rows * columns * componentIds.length;
        if (count > Integer.MAX_VALUE - 16) {
            throw new PixelDataException("JPEG-LS frame of " + count + " samples is too large to decode");
        }
        samples = new int[(int) count];
    }

    private int componentIndex(int id) throws PixelDataException {
        for (int i = 0; i < componentIds.length; i++) {
            if (componentIds[i] == id) {
                return i;
            }
        }
        throw new PixelDataException("corrupt JPEG-LS scan header: component " + id + " is not in the frame");
    }

    private int u16(int p) {
        return ((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF);
    }

    private long unsigned(int p, int bytes) {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (data[p + i] & 0xFF);
        }
        return v;
    }

    private static String hex(int marker) {
        return String.format("0xFF%02X", marker);
    }

    private static PixelDataException truncated(String what) {
        return new PixelDataException("JPEG-LS codestream is truncated or corrupt in " + what);
    }
}
