package org.pleura.dicom.pixel;

/**
 * Reads the entropy-coded segment of a JPEG scan bit by bit, most significant bit first, over the
 * frame's byte array: stuffed {@code 0xFF 0x00} pairs become {@code 0xFF}, and a marker (or the end
 * of the data) stops the input, after which zero bits are supplied. At each restart marker and at
 * the end of the scan the reader checks that the decoder consumed none of those invented bits:
 * otherwise the segment was truncated or corrupt.
 */
final class JpegBitReader {
    private final byte[] data;
    private final int end;
    private int pos;
    /** Buffered bits, left-aligned: the next bit to read is bit 63. */
    private long buffer;
    private int count;
    /** Number of zero bytes supplied after a marker or the end of the data. */
    private int invented;

    JpegBitReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /** Makes sure at least {@code bits} (at most 57) bits are buffered. */
    void ensure(int bits) {
        if (count < bits) {
            fill();
        }
    }

    private void fill() {
        while (count <= 56) {
            int b;
            if (pos < end) {
                b = data[pos] & 0xFF;
                if (b != 0xFF) {
                    pos++;
                } else if (pos + 1 < end && data[pos + 1] == 0) {
                    pos += 2;
                } else {
                    b = 0;
                    invented++;
                }
            } else {
                b = 0;
                invented++;
            }
            buffer |= ((long) b) << (56 - count);
            count += 8;
        }
    }

    /** The next {@code bits} bits (1..31) without consuming them; call {@link #ensure} first. */
    int peek(int bits) {
        return (int) (buffer >>> (64 - bits));
    }

    void skip(int bits) {
        buffer <<= bits;
        count -= bits;
    }

    /** Reads {@code bits} (0..16) bits as an unsigned value. */
    int bits(int bits) {
        if (bits == 0) {
            return 0;
        }
        if (count < bits) {
            fill();
        }
        int value = (int) (buffer >>> (64 - bits));
        buffer <<= bits;
        count -= bits;
        return value;
    }

    /**
     * Reads an {@code ssss}-bit magnitude and extends its sign as in T.81 F.2.2.1 (EXTEND): values
     * whose top bit is 0 are negative.
     */
    int receiveExtend(int ssss) {
        if (ssss == 0) {
            return 0;
        }
        int value = bits(ssss);
        return value < (1 << (ssss - 1)) ? value - (1 << ssss) + 1 : value;
    }

    /**
     * @throws PixelDataException when the decoder used bits past the end of the segment
     */
    private void checkNotOverrun() throws PixelDataException {
        if ((long) invented * 8 > count) {
            throw new PixelDataException("JPEG data is truncated or corrupt: the entropy-coded data ends near byte "
                    + pos + " before the image is complete");
        }
    }

    /**
     * Ends a restart interval: checks the interval did not run out of data, drops the padding
     * bits, and reads the restart marker {@code RSTn} that must follow (T.81 F.1.2.3).
     *
     * @param n expected restart number, 0..7
     */
    void readRestartMarker(int n) throws PixelDataException {
        checkNotOverrun();
        buffer = 0;
        count = 0;
        invented = 0;
        int p = pos;
        while (p < end && data[p] != (byte) 0xFF) {
            p++; // bytes left over in a corrupt interval: skipped, as libjpeg does
        }
        while (p + 1 < end && data[p + 1] == (byte) 0xFF) {
            p++; // fill bytes before the marker
        }
        if (p + 1 >= end || (data[p + 1] & 0xFF) != 0xD0 + n) {
            throw new PixelDataException("corrupt JPEG data: restart marker RST" + n + " missing near byte " + p);
        }
        pos = p + 2;
    }

    /** Ends the scan: the position of the first byte not yet read; the buffered bits are padding. */
    int finish() throws PixelDataException {
        checkNotOverrun();
        buffer = 0;
        count = 0;
        invented = 0;
        return pos;
    }

    /** Byte offset reached, for error messages. */
    int position() {
        return pos;
    }
}
