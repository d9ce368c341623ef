package org.pleura.dicom.pixel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only reader of the few attributes the codec tests need from a little-endian Part 10 file
 * (explicit or implicit VR): the Image Pixel module and the Pixel Data, native or encapsulated.
 * It exists so the codec tests do not depend on the Part 10 reader developed alongside; it is not
 * a general DICOM parser.
 */
final class JpegTestDicom {
    final String transferSyntax;
    final int rows;
    final int columns;
    final int samplesPerPixel;
    final int bitsAllocated;
    final int bitsStored;
    final boolean signed;
    final String photometric;
    final int planarConfiguration;
    final int frames;
    /** Native pixel data, or null when encapsulated. */
    final byte[] nativePixels;
    /** Encapsulated fragments after the basic offset table, or null when native. */
    final List<byte[]> fragments;
    final byte[] offsetTable;

    private JpegTestDicom(Builder b) {
        transferSyntax = b.transferSyntax;
        rows = b.rows;
        columns = b.columns;
        samplesPerPixel = b.samplesPerPixel;
        bitsAllocated = b.bitsAllocated;
        bitsStored = b.bitsStored;
        signed = b.pixelRepresentation == 1;
        photometric = b.photometric;
        planarConfiguration = b.planar;
        frames = b.frames;
        nativePixels = b.nativePixels;
        fragments = b.fragments;
        offsetTable = b.offsetTable;
    }

    FrameFormat format() {
        return new FrameFormat(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, signed, photometric,
                planarConfiguration);
    }

    /** The codestream of one frame: fragments concatenated. */
    byte[] frame(int index) {
        if (fragments == null) {
            throw new IllegalStateException("pixel data is not encapsulated");
        }
        if (frames <= 1) {
            return concat(fragments, 0, fragments.size());
        }
        if (offsetTable.length == 0 && fragments.size() == frames) {
            return fragments.get(index);
        }
        if (offsetTable.length >= 4 * frames) {
            // map offsets to fragment indices
            long[] starts = new long[fragments.size()];
            long at = 0;
            for (int i = 0; i < fragments.size(); i++) {
                starts[i] = at;
                at += 8 + fragments.get(i).length;
            }
            long from = u32(offsetTable, 4 * index);
            long to = index + 1 < frames ? u32(offsetTable, 4 * (index + 1)) : Long.MAX_VALUE;
            int first = -1;
            int last = fragments.size();
            for (int i = 0; i < starts.length; i++) {
                if (starts[i] == from) {
                    first = i;
                }
                if (starts[i] == to) {
                    last = i;
                }
            }
            return concat(fragments, first, last);
        }
        throw new IllegalStateException("cannot split " + fragments.size() + " fragments into " + frames + " frames");
    }

    /**
     * Native samples of one frame as unsigned integers of {@code bitsAllocated} bits, interleaved
     * by pixel (planar data is reordered).
     */
    int[] nativeSamples(int index) {
        int n = rows * columns * samplesPerPixel;
        int[] out = new int[n];
        int bytesPer = bitsAllocated / 8;
        int base = index * n * bytesPer;
        for (int i = 0; i < n; i++) {
            int src = i;
            if (planarConfiguration == 1 && samplesPerPixel > 1) {
                int pixel = i / samplesPerPixel;
                int sample = i % samplesPerPixel;
                src = sample * rows * columns + pixel;
            }
            int p = base + src * bytesPer;
            out[i] = bytesPer == 1 ? nativePixels[p] & 0xFF : (nativePixels[p] & 0xFF) | (nativePixels[p + 1] & 0xFF) << 8;
        }
        return out;
    }

    private static byte[] concat(List<byte[]> parts, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            out.writeBytes(parts.get(i));
        }
        return out.toByteArray();
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }

    static JpegTestDicom read(Path file) throws IOException {
        byte[] d = Files.readAllBytes(file);
        Builder b = new Builder();
        int pos = 0;
        boolean explicit = true;
        if (d.length > 132 && d[128] == 'D' && d[129] == 'I' && d[130] == 'C' && d[131] == 'M') {
            pos = 132;
            // group 0002, always explicit VR little endian
            while (pos + 8 <= d.length && u16(d, pos) == 0x0002) {
                int element = u16(d, pos + 2);
                String vr = new String(d, pos + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
                int len;
                int header;
                if (longVr(vr)) {
                    len = (int) u32(d, pos + 8);
                    header = 12;
                } else {
                    len = u16(d, pos + 6);
                    header = 8;
                }
                if (element == 0x0010) {
                    b.transferSyntax = new String(d, pos + header, len, java.nio.charset.StandardCharsets.US_ASCII)
                            .replace("\0", "").trim();
                }
                pos += header + len;
            }
            explicit = !"1.2.840.10008.1.2".equals(b.transferSyntax);
        }
        new Parser(d, explicit, b).elements(pos, d.length, true);
        return new JpegTestDicom(b);
    }

    private static boolean longVr(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV" -> true;
            default -> false;
        };
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static final class Builder {
        String transferSyntax = "1.2.840.10008.1.2";
        int rows;
        int columns;
        int samplesPerPixel = 1;
        int bitsAllocated;
        int bitsStored;
        int pixelRepresentation;
        String photometric = "";
        int planar;
        int frames = 1;
        byte[] nativePixels;
        List<byte[]> fragments;
        byte[] offsetTable;
    }

    private record Parser(byte[] d, boolean explicit, Builder b) {
        /** Parses elements in [pos, end); returns the position after an item delimiter or end. */
        int elements(int pos, int end, boolean top) {
            while (pos + 8 <= end) {
                int group = u16(d, pos);
                int element = u16(d, pos + 2);
                if (group == 0xFFFE) {
                    // item delimiter (E00D) ends a nested data set
                    return pos + 8;
                }
                String vr = null;
                long len;
                int header;
                if (explicit) {
                    vr = new String(d, pos + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
                    if (longVr(vr)) {
                        len = u32(d, pos + 8);
                        header = 12;
                    } else {
                        len = u16(d, pos + 6);
                        header = 8;
                    }
                } else {
                    len = u32(d, pos + 4);
                    header = 8;
                }
                int value = pos + header;
                if (group == 0x7FE0 && element == 0x0010 && top) {
                    if (len == 0xFFFFFFFFL) {
                        readFragments(value, end);
                    } else {
                        b.nativePixels = java.util.Arrays.copyOfRange(d, value, (int) Math.min(end, value + len));
                    }
                    return end;
                }
                if (len == 0xFFFFFFFFL) {
                    pos = sequence(value, end);
                    continue;
                }
                if (top && group == 0x0028) {
                    switch (element) {
                        case 0x0002 -> b.samplesPerPixel = u16(d, value);
                        case 0x0004 -> b.photometric = string(value, (int) len);
                        case 0x0006 -> b.planar = u16(d, value);
                        case 0x0008 -> b.frames = Integer.parseInt(string(value, (int) len));
                        case 0x0010 -> b.rows = u16(d, value);
                        case 0x0011 -> b.columns = u16(d, value);
                        case 0x0100 -> b.bitsAllocated = u16(d, value);
                        case 0x0101 -> b.bitsStored = u16(d, value);
                        case 0x0103 -> b.pixelRepresentation = u16(d, value);
                        default -> {
                        }
                    }
                }
                pos = (int) (value + len);
            }
            return pos;
        }

        /** Skips a sequence of undefined length starting at its first item; returns the position after it. */
        private int sequence(int pos, int end) {
            while (pos + 8 <= end) {
                int group = u16(d, pos);
                int element = u16(d, pos + 2);
                long len = u32(d, pos + 4);
                pos += 8;
                if (group == 0xFFFE && element == 0xE0DD) {
                    return pos;
                }
                if (len == 0xFFFFFFFFL) {
                    pos = new Parser(d, explicit, b).elements(pos, end, false);
                } else {
                    pos += (int) len;
                }
            }
            return pos;
        }

        private void readFragments(int pos, int end) {
            List<byte[]> items = new ArrayList<>();
            while (pos + 8 <= end) {
                int element = u16(d, pos + 2);
                int len = (int) u32(d, pos + 4);
                pos += 8;
                if (element == 0xE0DD) {
                    break;
                }
                items.add(java.util.Arrays.copyOfRange(d, pos, Math.min(end, pos + len)));
                pos += len;
            }
            b.offsetTable = items.isEmpty() ? new byte[0] : items.get(0);
            b.fragments = items.isEmpty() ? List.of() : new ArrayList<>(items.subList(1, items.size()));
        }

        private String string(int pos, int len) {
            return new String(d, pos, len, java.nio.charset.StandardCharsets.US_ASCII).replace("\0", "").trim();
        }
    }
}
