package org.pleura.server.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code multipart/related} body (RFC 2046) part by part as it streams in, without holding a part in
 * memory. Each part's headers are returned by {@link #nextPart()} and its body copied out by {@link #copyBody}.
 *
 * <pre>{@code
 * MultipartReader parts = new MultipartReader(body, boundary);
 * while (parts.nextPart() != null) {
 *     long n = parts.copyBody(out, maxBytes);   // -1 when the part is larger than maxBytes (the rest is skipped)
 * }
 * }</pre>
 */
public final class MultipartReader {

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int lim;
    private boolean eof;
    private boolean inBody;
    private boolean afterDelimiter;
    private boolean finished;

    /** @param boundary the boundary parameter of the Content-Type */
    public MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
            throw new IllegalArgumentException("a multipart body needs a boundary of 1-200 characters");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[Math.max(1 << 16, delimiter.length * 4)];
        // The first delimiter may start the body without a preceding CRLF: pretend there was one.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /**
     * Moves to the next part.
     *
     * @return its headers (names in lower case), or null after the last part
     * @throws MultipartException when the body is not well-formed or ends early
     */
    public Map<String, String> nextPart() throws IOException {
        if (finished) {
            return null;
        }
        if (inBody) {
            copyBody(OutputStream.nullOutputStream(), Long.MAX_VALUE);
        } else if (!afterDelimiter) {
            skipToDelimiter();
        }
        afterDelimiter = false;
        // after a delimiter: "--" closes, otherwise optional spaces then CRLF
        need(2);
        if (lim - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        while (true) {
            need(1);
            if (pos >= lim) {
                throw new MultipartException("the multipart body ends after a boundary");
            }
            byte b = buf[pos];
            if (b == ' ' || b == '\t') {
                pos++;
                continue;
            }
            break;
        }
        need(2);
        if (lim - pos < 2 || buf[pos] != '\r' || buf[pos + 1] != '\n') {
            throw new MultipartException("a multipart boundary line is not followed by CRLF");
        }
        pos += 2;
        Map<String, String> headers = readHeaders();
        inBody = true;
        return headers;
    }

    /**
     * Copies the current part's body to {@code out}, stopping at {@code max} bytes.
     *
     * @return the bytes copied, or -1 when the body had more than {@code max} (the rest is read and dropped)
     */
    public long copyBody(OutputStream out, long max) throws IOException {
        if (!inBody) {
            throw new IllegalStateException("no part is open");
        }
        long total = 0;
        boolean over = false;
        while (true) {
            int at = indexOfDelimiter();
            int end = at >= 0 ? at : Math.max(pos, lim - delimiter.length + 1);
            int n = end - pos;
            if (n > 0) {
                if (!over && total + n > max) {
                    over = true;
                }
                if (!over) {
                    out.write(buf, pos, n);
                }
                total += n;
                pos = end;
            }
            if (at >= 0) {
                pos = at + delimiter.length;
                inBody = false;
                afterDelimiter = true;
                return over ? -1 : total;
            }
            if (eof) {
                throw new MultipartException("the multipart body ends in the middle of a part (no closing boundary)");
            }
            fill();
        }
    }

    private void skipToDelimiter() throws IOException {
        while (true) {
            int at = indexOfDelimiter();
            if (at >= 0) {
                pos = at + delimiter.length;
                return;
            }
            pos = Math.max(pos, lim - delimiter.length + 1);
            if (eof) {
                throw new MultipartException("no multipart boundary found in the body");
            }
            fill();
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int used = 0;
        while (true) {
            String line = readLine();
            used += line.length() + 2;
            if (used > MAX_HEADER_BYTES) {
                throw new MultipartException("multipart part headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            need(2);
            if (lim - pos < 2) {
                throw new MultipartException("the multipart body ends inside part headers");
            }
            if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
                pos += 2;
                return b.toString();
            }
            b.append((char) (buf[pos++] & 0xFF));
            if (b.length() > MAX_HEADER_BYTES) {
                throw new MultipartException("multipart header line too long");
            }
        }
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        outer:
        for (int i = pos; i <= lim - delimiter.length; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Ensures at least {@code n} bytes are buffered unless the stream ended. */
    private void need(int n) throws IOException {
        while (lim - pos < n && !eof) {
            fill();
        }
    }

    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            return;
        }
        int r = in.read(buf, lim, buf.length - lim);
        if (r < 0) {
            eof = true;
        } else {
            lim += r;
        }
    }

    /** The body is not well-formed multipart. */
    public static final class MultipartException extends IOException {
        private static final long serialVersionUID = 1L;

        MultipartException(String message) {
            super(message);
        }
    }
}
