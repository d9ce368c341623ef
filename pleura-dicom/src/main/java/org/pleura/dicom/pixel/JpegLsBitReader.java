package org.pleura.dicom.pixel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Reads the entropy-coded bits of one JPEG-LS scan (ITU-T T.87 A.1), most significant bit first.
 * After a 0xFF byte the encoder stuffs a zero bit, so the next byte carries only 7 bits; 0xFF
 * followed by a byte whose high bit is set is a marker and ends the data.
 *
 * <p>Beyond the end of the data (a marker or the end of the array) the reader supplies zero bits
 * and counts them: a well-formed scan never consumes them, so {@link #consumedPastEnd()} reveals a
 * truncated codestream. Zero bits can never satisfy a Golomb code, so a decoder fed them fails
 * within one sample: no hang. {@link JpegLsScanDecoder} extends it (for speed); it is not meant
 * for other subclasses.
 */
class JpegLsBitReader {

    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] data;
    private final int limit;
    /** Next byte to load into the cache. */
    private int pos;
    /** Index of the next 0xFF byte at or after {@code pos} (or {@code limit}). */
    private int nextFF;
    /** Bits not yet consumed, left-aligned. */
    private long cache;
    /** Number of valid bits in {@code cache}. */
    private int bits;
    /** The byte at {@code pos} follows a 0xFF data byte: its high bit is a stuffed zero. */
    private boolean afterFF;
    /** A marker or the end of the data stopped loading. */
    private boolean atEnd;
    /** Zero bits appended after the end of the data. */
    private long phantomBits;

    JpegLsBitReader(byte[] data, int start, int limit) {
        this.data = data;
        this.limit = limit;
        startAt(start);
    }

    /** Restarts reading at {@code start} (after a restart marker): empties the cache. */
    void startAt(int start) {
        pos = start;
        cache = 0;
        bits = 0;
        afterFF = false;
        atEnd = false;
        phantomBits = 0;
        nextFF = findFF(start);
        fill();
    }

    private int findFF(int from) {
        for (int i = from; i < limit; i++) {
            if (data[i] == (byte) 0xFF) {
                return i;
            }
        }
        return limit;
    }

    /** Loads bytes until the cache holds more than 56 bits. */
    private void fill() {
        if (!afterFF && pos + 8 <= nextFF) {
            // No 0xFF among the next 8 bytes: load them at once. Bits of a partial byte beyond
            // 'bits' are the real next bits, ORed again identically when that byte is loaded.
            long word = (long) BIG_ENDIAN_LONG.get(data, pos);
            int bytes = (64 - bits) >>> 3;
            cache |= word >>> bits;
            bits += bytes << 3;
            pos += bytes;
        } else {
            fillByteByByte();
        }
    }

    /** The slow path of {@link #fill}: 0xFF bytes, markers and the end of the data. */
    private void fillByteByByte() {
        while (bits <= 56) {
            if (atEnd) {
                bits += 8;
                phantomBits += 8;
                continue;
            }
            if (pos >= limit) {
                atEnd = true;
                continue;
            }
            int b = data[pos] & 0xFF;
            if (afterFF) {
                cache |= (long) b << (57 - bits);
                bits += 7;
                pos++;
                afterFF = false;
                continue;
            }
            if (b == 0xFF) {
                if (pos + 1 >= limit || (data[pos + 1] & 0x80) != 0) {
                    atEnd = true; // a marker, or a lone 0xFF at the very end
                    continue;
                }
                afterFF = true;
                nextFF = findFF(pos + 1);
            }
            cache |= (long) b << (56 - bits);
            bits += 8;
            pos++;
        }
    }

    /** One bit. */
    int readBit() {
        if (bits <= 0) {
            fill();
        }
        int bit = (int) (cache >>> 63);
        cache <<= 1;
        bits--;
        return bit;
    }

    /** {@code n} bits (1 to 31) as an unsigned value; 0 when {@code n} is 0. */
    int readBits(int n) {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
        }
        int value = (int) (cache >>> (64 - n));
        cache <<= n;
        bits -= n;
        return value;
    }

    /**
     * A limited-length Golomb code (T.87 A.5.3): the unary prefix, then either {@code k} low bits
     * or, after the escape prefix of {@code limit - qbpp - 1} zeros, {@code qbpp} bits of
     * value - 1.
     */
    int readGolomb(int k, int limit, int qbpp) throws PixelDataException {
        int escape = limit - qbpp - 1;
        if (bits < 32) {
            fill();
        }
        int zeros = Long.numberOfLeadingZeros(cache);
        if (zeros < bits) {
            cache = (cache << zeros) << 1;
            bits -= zeros + 1;
        } else {
            zeros = readLongUnary(escape);
        }
        if (zeros < escape) {
            return k == 0 ? zeros : (zeros << k) + readBits(k);
        }
        if (zeros > escape) {
            throw corrupt("a Golomb code has " + zeros + " leading zero bits, more than the limit " + escape);
        }
        return readBits(qbpp) + 1;
    }

    private int readLongUnary(int escape) throws PixelDataException {
        int count = 0;
        while (true) {
            if (bits <= 0) {
                fill();
            }
            int zeros = Long.numberOfLeadingZeros(cache);
            if (zeros < bits) {
                cache = (cache << zeros) << 1;
                bits -= zeros + 1;
                return count + zeros;
            }
            count += bits;
            cache = 0;
            bits = 0;
            if (count > escape) {
                throw corrupt("a Golomb code has more than " + escape + " leading zero bits");
            }
        }
    }

    /** True when more bits were consumed than the data holds: the codestream is truncated. */
    boolean consumedPastEnd() {
        return phantomBits > bits;
    }

    /**
     * The exception for invalid scan data, worded as truncation when the data ran out first.
     */
    PixelDataException corrupt(String detail) {
        if (consumedPastEnd()) {
            return new PixelDataException("JPEG-LS codestream is truncated: the scan data ends before the image");
        }
        return new PixelDataException("corrupt JPEG-LS scan data: " + detail);
    }

    /**
     * Position of the next marker at or after the bytes not yet loaded (the end of this scan's
     * data), skipping 0xFF fill bytes: the index of the 0xFF that precedes the marker code, or the
     * data length when there is none.
     */
    int nextMarkerPosition() {
        return findMarker(data, pos, limit);
    }

    /**
     * Skips the rest of the current restart interval, checks that the next marker is {@code code}
     * (an RSTm marker) and starts reading the data after it.
     */
    void restartAfterMarker(int code) throws PixelDataException {
        int marker = nextMarkerPosition();
        if (marker + 1 >= limit) {
            throw new PixelDataException("JPEG-LS codestream is truncated: restart marker RST" + (code - 0xD0)
                    + " is missing");
        }
        int found = data[marker + 1] & 0xFF;
        if (found != code) {
            throw new PixelDataException(String.format(
                    "corrupt JPEG-LS codestream: expected restart marker RST%d, found marker 0xFF%02X", code - 0xD0,
                    found));
        }
        startAt(marker + 2);
    }

    /** Index of the 0xFF of the first marker at or after {@code from}, or {@code limit} if none. */
    static int findMarker(byte[] data, int from, int limit) {
        for (int i = from; i + 1 < limit; i++) {
            if (data[i] == (byte) 0xFF) {
                int next = data[i + 1] & 0xFF;
                if (next == 0xFF) {
                    continue; // fill byte: the marker starts at the last 0xFF
                }
                if (next >= 0x80) {
                    return i;
                }
            }
        }
        return limit;
    }
}
