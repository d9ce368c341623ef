package org.pleura.results.overlay;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A small, fast PNG encoder for 8-bit RGB pictures (the overlay): "Up"-filtered scan lines through the fastest
 * deflate level, which on a 2k radiograph overlay is several times faster than {@code ImageIO}'s default for a
 * file about 15 % larger. Text chunks carry the software and the aid-not-a-diagnosis notice.
 *
 * <pre>{@code
 * byte[] png = PngEncoder.encode(overlay.image(), Map.of("Software", "Pleura"));
 * }</pre>
 */
public final class PngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int LEVEL = 1;

    private PngEncoder() {
    }

    /** The PNG bytes of an RGB picture, with {@code tEXt} chunks (Latin-1 keys and values). */
    public static byte[] encode(BufferedImage image, java.util.Map<String, String> text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.getWidth() * image.getHeight());
        try {
            write(image, text, out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PNG in memory: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Writes an RGB picture as PNG to a stream (not closed). */
    public static void write(BufferedImage image, java.util.Map<String, String> text, OutputStream out)
            throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = rgbOf(image);
        out.write(SIGNATURE);
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8;   // bit depth
        ihdr[9] = 2;   // colour type: truecolour
        chunk(out, "IHDR", ihdr);
        for (var e : text.entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.ISO_8859_1);
            byte[] v = e.getValue().getBytes(StandardCharsets.ISO_8859_1);
            byte[] t = new byte[k.length + 1 + v.length];
            System.arraycopy(k, 0, t, 0, k.length);
            System.arraycopy(v, 0, t, k.length + 1, v.length);
            chunk(out, "tEXt", t);
        }
        ByteArrayOutputStream idat = new ByteArrayOutputStream(w * h);
        Deflater deflater = new Deflater(LEVEL);
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            byte[] row = new byte[1 + 3 * w];
            row[0] = 2; // Up filter: each byte minus the byte above it
            for (int y = 0; y < h; y++) {
                int o = y * w;
                int above = o - w;
                for (int x = 0; x < w; x++) {
                    int p = argb[o + x];
                    int q = y == 0 ? 0 : argb[above + x];
                    int i = 1 + 3 * x;
                    row[i] = (byte) ((p >> 16) - (q >> 16));
                    row[i + 1] = (byte) ((p >> 8) - (q >> 8));
                    row[i + 2] = (byte) (p - q);
                }
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
    }

    /** The picture's pixels as packed RGB integers, row-major (no copy for {@code TYPE_INT_RGB}). */
    static int[] rgbOf(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        }
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static void chunk(OutputStream out, String type, byte[] data) throws IOException {
        byte[] len = new byte[4];
        putInt(len, 0, data.length);
        out.write(len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.write(c);
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
