package org.pleura.server.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {

    private static byte[] body(String boundary, List<byte[]> parts, boolean preamble) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        if (preamble) {
            b.write("This is a preamble.\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        for (byte[] p : parts) {
            b.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            b.write(p);
            b.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.write(("--" + boundary + "--\r\nepilogue").getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** Returns at most one byte per read: every buffer boundary is exercised. */
    private static InputStream trickle(byte[] b) {
        return new FilterInputStream(new ByteArrayInputStream(b)) {
            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                return super.read(buf, off, Math.min(len, 1));
            }
        };
    }

    private static List<byte[]> readAll(InputStream in, String boundary) throws IOException {
        MultipartReader r = new MultipartReader(in, boundary);
        List<byte[]> out = new ArrayList<>();
        Map<String, String> h;
        while ((h = r.nextPart()) != null) {
            assertEquals("application/dicom", h.get("content-type"));
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            r.copyBody(o, Long.MAX_VALUE);
            out.add(o.toByteArray());
        }
        assertNull(r.nextPart());
        return out;
    }

    @Test
    void partsComeBackByteForByteWhateverTheChunking() throws IOException {
        Random rnd = new Random(7);
        List<byte[]> parts = new ArrayList<>();
        for (int size : new int[]{0, 1, 100, 70_000, 200_001}) {
            byte[] p = new byte[size];
            rnd.nextBytes(p);
            parts.add(p);
        }
        // a part that contains the boundary text without the leading CRLF, and CRLF-dash sequences
        parts.add("--b0undary\r\n-\r\n--b0undar".getBytes(StandardCharsets.US_ASCII));
        byte[] body = body("b0undary", parts, true);
        for (InputStream in : new InputStream[]{new ByteArrayInputStream(body), trickle(body)}) {
            List<byte[]> got = readAll(in, "b0undary");
            assertEquals(parts.size(), got.size());
            for (int i = 0; i < parts.size(); i++) {
                assertArrayEquals(parts.get(i), got.get(i), "part " + i);
            }
        }
    }

    @Test
    void aPartLargerThanTheLimitIsSkippedAndTheNextOneStillRead() throws IOException {
        byte[] body = body("xyz", List.of(new byte[5000], "small".getBytes(StandardCharsets.US_ASCII)), false);
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(body), "xyz");
        r.nextPart();
        assertEquals(-1, r.copyBody(new ByteArrayOutputStream(), 4999));
        r.nextPart();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        assertEquals(5, r.copyBody(o, 4999));
        assertNull(r.nextPart());
    }

    @Test
    void truncatedOrBoundarylessBodiesAreErrorsNotHangs() {
        byte[] body = body0();
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 20);
        assertThrows(MultipartReader.MultipartException.class, () -> readAll(new ByteArrayInputStream(cut), "b"));
        assertThrows(MultipartReader.MultipartException.class, () -> readAll(
                new ByteArrayInputStream("no boundary at all".getBytes(StandardCharsets.US_ASCII)), "b"));
        assertThrows(IllegalArgumentException.class, () -> new MultipartReader(new ByteArrayInputStream(body), ""));
    }

    private static byte[] body0() {
        try {
            return body("b", List.of(new byte[100]), false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
