package org.pleura.dicom;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Byte source for the reader: counts the position, knows how many bytes remain when the size is
 * known, and allocates values only as far as the data really goes.
 */
final class DicomInput {

    private static final int CHUNK = 1 << 20;

    private InputStream in;
    private long position;
    private long remaining; // -1 when unknown
    private final ReadOptions options;
    private boolean inflating;

    DicomInput(InputStream in, long size, ReadOptions options) {
        this.in = in.markSupported() ? in : new BufferedInputStream(in, 64 * 1024);
        this.remaining = size;
        this.options = options;
    }

    long position() {
        return position;
    }

    /** Bytes known to remain, or -1 if unknown. */
    long remaining() {
        return remaining;
    }

    ReadOptions options() {
        return options;
    }

    /** Reads up to len bytes; fewer only at end of data. */
    int readUpTo(byte[] b, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int r;
            try {
                r = in.read(b, off + n, len - n);
            } catch (ZipException | EOFException e) {
                throw new DicomFormatException("corrupt deflated data set near byte " + position + ": " + e.getMessage(), e);
            }
            if (r < 0) {
                break;
            }
            n += r;
            advance(r);
        }
        return n;
    }

    void readFully(byte[] b, int off, int len, String what) throws IOException {
        int n = readUpTo(b, off, len);
        if (n < len) {
            throw truncated(what, len, n);
        }
    }

    DicomFormatException truncated(String what, long needed, long got) {
        return new DicomFormatException("truncated at byte " + position + ": " + what + " needs " + needed
                + " bytes, only " + got + " remain");
    }

    /** Reads a value of a declared length, checking limits and the bytes really available. */
    byte[] readValue(long length, String what) throws IOException {
        checkLength(length, what);
        int len = (int) length;
        if (remaining >= 0) {
            byte[] b = new byte[len];
            readFully(b, 0, len, what);
            return b;
        }
        byte[] b = new byte[Math.min(len, CHUNK)];
        int n = 0;
        while (n < len) {
            if (n == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(len, (long) b.length * 2));
            }
            int r = readUpTo(b, n, b.length - n);
            if (r == 0) {
                throw truncated(what, len, n);
            }
            n += r;
        }
        return b;
    }

    void checkLength(long length, String what) throws DicomException {
        if (length > options.maxValueLength() || length > Integer.MAX_VALUE - 8) {
            throw new DicomLimitException(what + " has length " + length + " bytes, over the limit of "
                    + Math.min(options.maxValueLength(), Integer.MAX_VALUE - 8) + " bytes");
        }
        if (remaining >= 0 && length > remaining) {
            throw new DicomFormatException("wrong length or truncated file at byte " + position + ": " + what
                    + " declares " + length + " bytes but only " + remaining + " remain");
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (length > free / 2 && length > CHUNK) {
            throw new DicomLimitException(what + " has length " + length + " bytes, more than the memory available ("
                    + free + " bytes free)");
        }
    }

    void skip(long n, String what) throws IOException {
        byte[] tmp = new byte[(int) Math.min(n, 8192)];
        long left = n;
        while (left > 0) {
            int r = readUpTo(tmp, 0, (int) Math.min(left, tmp.length));
            if (r == 0) {
                throw truncated(what, n, n - left);
            }
            left -= r;
        }
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        if (remaining >= 0) {
            return remaining == 0;
        }
        in.mark(1);
        int b;
        try {
            b = in.read();
        } catch (ZipException | EOFException e) {
            throw new DicomFormatException("corrupt deflated data set near byte " + position + ": " + e.getMessage(), e);
        }
        in.reset();
        return b < 0;
    }

    /** Reads up to len bytes without consuming them. */
    int peek(byte[] b, int len) throws IOException {
        in.mark(len);
        int n = 0;
        try {
            while (n < len) {
                int r = in.read(b, n, len - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (ZipException | EOFException e) {
            throw new DicomFormatException("corrupt deflated data set near byte " + position + ": " + e.getMessage(), e);
        }
        in.reset();
        return n;
    }

    /** From here on, the bytes are a deflate stream (raw, or zlib-wrapped as some writers do). */
    void startInflating() throws IOException {
        byte[] head = new byte[2];
        int n = peek(head, 2);
        int cmf = head[0] & 0xFF;
        int flg = head[1] & 0xFF;
        boolean zlib = n == 2 && (cmf & 0x0F) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0;
        Inflater inflater = new Inflater(!zlib);
        InputStream raw = in;
        InputStream inflated = new InflaterInputStream(raw, inflater, 64 * 1024);
        this.in = new BufferedInputStream(new LimitedInput(inflated, options.maxDecodedBytes()), 64 * 1024);
        this.remaining = -1;
        this.inflating = true;
    }

    boolean inflating() {
        return inflating;
    }

    /** Stops with a typed error once more than the limit has been inflated. */
    private static final class LimitedInput extends InputStream {
        private final InputStream in;
        private final long limit;
        private long count;

        LimitedInput(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int r = read(one, 0, 1);
            return r < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r;
            try {
                r = in.read(b, off, len);
            } catch (ZipException e) {
                throw new DicomFormatException("corrupt deflated data set: " + e.getMessage(), e);
            } catch (EOFException e) {
                throw new DicomFormatException("truncated deflated data set: " + e.getMessage(), e);
            }
            if (r > 0) {
                count += r;
                if (count > limit) {
                    throw new DicomLimitException("deflated data set inflates to more than " + limit + " bytes");
                }
            }
            return r;
        }
    }

    private void advance(int n) {
        position += n;
        if (remaining >= 0) {
            remaining -= n;
        }
    }
}
