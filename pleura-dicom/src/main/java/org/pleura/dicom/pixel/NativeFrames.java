package org.pleura.dicom.pixel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Unpacks native (uncompressed) frames, little endian, into raw samples interleaved by pixel:
 * bits allocated 1, 8, 16 or 32; planar configuration 0 or 1; YBR_FULL_422 with 8 bits expanded
 * to three samples per pixel. No masking: see {@link StoredValues}.
 */
final class NativeFrames {

    private NativeFrames() {
    }

    /** True for photometric interpretations stored two pixels per Y-Y-Cb-Cr group. */
    static boolean isSubsampled(FrameFormat f) {
        return f.samplesPerPixel() == 3 && f.bitsAllocated() == 8
                && ("YBR_FULL_422".equals(f.photometricInterpretation()) || "YBR_PARTIAL_422".equals(f.photometricInterpretation()));
    }

    /** Bits one native frame occupies. */
    static long frameBits(FrameFormat f) {
        long samples = f.sampleCount();
        if (isSubsampled(f)) {
            samples = (long) f.rows() * (((long) f.columns() + 1) / 2) * 4;
        }
        return samples * f.bitsAllocated();
    }

    /** Bytes one native frame occupies (rounded up for 1-bit data). */
    static long frameBytes(FrameFormat f) {
        return (frameBits(f) + 7) / 8;
    }

    /**
     * Raw samples of frame {@code index} in a buffer holding consecutive native frames.
     * The caller has checked that the buffer is long enough.
     */
    static int[] unpack(ByteBuffer src, int index, FrameFormat f) {
        ByteBuffer b = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int n = Math.toIntExact(f.sampleCount());
        int[] out = new int[n];
        if (f.bitsAllocated() == 1) {
            long bit = (long) index * frameBits(f);
            for (int i = 0; i < n; i++, bit++) {
                out[i] = (b.get(Math.toIntExact(bit >>> 3)) >>> (int) (bit & 7)) & 1;
            }
            return out;
        }
        int base = Math.toIntExact(index * frameBytes(f));
        if (isSubsampled(f)) {
            unpack422(b, base, f, out);
            return out;
        }
        int spp = f.samplesPerPixel();
        int pixels = f.rows() * f.columns();
        boolean planar = spp > 1 && f.planarConfiguration() == 1;
        switch (f.bitsAllocated()) {
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    out[planar ? planarIndex(i, pixels, spp) : i] = b.get(base + i) & 0xFF;
                }
            }
            case 16 -> {
                for (int i = 0; i < n; i++) {
                    out[planar ? planarIndex(i, pixels, spp) : i] = b.getShort(base + 2 * i) & 0xFFFF;
                }
            }
            case 32 -> {
                for (int i = 0; i < n; i++) {
                    out[planar ? planarIndex(i, pixels, spp) : i] = b.getInt(base + 4 * i);
                }
            }
            default -> throw new IllegalArgumentException("bits allocated " + f.bitsAllocated());
        }
        return out;
    }

    /** Where the i-th stored sample of a planar frame goes in pixel-interleaved order. */
    private static int planarIndex(int i, int pixels, int spp) {
        int plane = i / pixels;
        int pixel = i - plane * pixels;
        return pixel * spp + plane;
    }

    private static void unpack422(ByteBuffer b, int base, FrameFormat f, int[] out) {
        int cols = f.columns();
        int pairs = (cols + 1) / 2;
        int p = base;
        for (int r = 0; r < f.rows(); r++) {
            for (int k = 0; k < pairs; k++) {
                int y1 = b.get(p) & 0xFF;
                int y2 = b.get(p + 1) & 0xFF;
                int cb = b.get(p + 2) & 0xFF;
                int cr = b.get(p + 3) & 0xFF;
                p += 4;
                int x = 2 * k;
                int o = (r * cols + x) * 3;
                out[o] = y1;
                out[o + 1] = cb;
                out[o + 2] = cr;
                if (x + 1 < cols) {
                    out[o + 3] = y2;
                    out[o + 4] = cb;
                    out[o + 5] = cr;
                }
            }
        }
    }
}
