package org.pleura.dicom.pixel;

/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header with up to 15 segment offsets, then one PackBits
 * segment per byte plane of each sample, most significant byte first (for 16-bit RGB: R high, R
 * low, G high, G low, B high, B low). Produces samples of bits allocated (8, 16 or 32), interleaved
 * by pixel.
 */
public final class RleDecoder implements FrameDecoder {

    @Override
    public DecodedFrame decode(byte[] encoded, FrameFormat format) throws PixelDataException {
        int bytesPerSample = format.bitsAllocated() / 8;
        if (format.bitsAllocated() % 8 != 0 || bytesPerSample < 1 || bytesPerSample > 4) {
            throw new PixelDataException("RLE: bits allocated " + format.bitsAllocated() + " is not supported");
        }
        int spp = format.samplesPerPixel();
        int pixels = Math.toIntExact((long) format.rows() * format.columns());
        int segments = bytesPerSample * spp;
        if (encoded.length < 64) {
            throw new PixelDataException("RLE: frame of " + encoded.length + " bytes has no 64-byte header");
        }
        int declared = le32(encoded, 0);
        if (declared != segments) {
            throw new PixelDataException("RLE: header declares " + declared + " segments, the image needs " + segments
                    + " (" + spp + " samples of " + bytesPerSample + " bytes)");
        }
        long[] offsets = new long[segments + 1];
        for (int s = 0; s < segments; s++) {
            offsets[s] = le32(encoded, 4 + 4 * s) & 0xFFFFFFFFL;
            if (offsets[s] < 64 || offsets[s] > encoded.length || (s > 0 && offsets[s] < offsets[s - 1])) {
                throw new PixelDataException("RLE: segment " + s + " offset " + offsets[s] + " is outside the frame");
            }
        }
        offsets[segments] = encoded.length;
        int[] out = new int[Math.toIntExact((long) pixels * spp)];
        for (int sample = 0; sample < spp; sample++) {
            for (int k = 0; k < bytesPerSample; k++) {
                int s = sample * bytesPerSample + k;
                int shift = 8 * (bytesPerSample - 1 - k);
                unpackBits(encoded, (int) offsets[s], (int) offsets[s + 1], out, sample, spp, pixels, shift, s);
            }
        }
        return new DecodedFrame(format.rows(), format.columns(), spp, format.bitsAllocated(), out);
    }

    /**
     * PackBits: n in 0..127 copies n+1 literal bytes, n in -127..-1 repeats the next byte 1-n
     * times. Byte j of the segment goes, shifted left by {@code shift}, into out[first + j * stride].
     */
    private static void unpackBits(byte[] in, int from, int to, int[] out, int first, int stride, int count,
                                   int shift, int segment) throws PixelDataException {
        int j = 0;
        int p = from;
        while (j < count) {
            if (p >= to) {
                throw new PixelDataException("RLE: segment " + segment + " ends after " + j + " of " + count + " bytes");
            }
            int c = in[p++];
            if (c >= 0) {
                int len = c + 1;
                if (p + len > to) {
                    throw new PixelDataException("RLE: segment " + segment + " literal run overruns the segment");
                }
                int end = Math.min(count, j + len);
                int o = first + j * stride;
                int q = p;
                for (; j < end; j++, o += stride) {
                    out[o] |= (in[q++] & 0xFF) << shift;
                }
                p += len; // bytes beyond the segment's size are padding: skipped
            } else if (c != -128) {
                if (p >= to) {
                    throw new PixelDataException("RLE: segment " + segment + " replicate run overruns the segment");
                }
                int v = (in[p++] & 0xFF) << shift;
                int end = Math.min(count, j + 1 - c);
                int o = first + j * stride;
                for (; j < end; j++, o += stride) {
                    out[o] |= v;
                }
            }
        }
    }

    private static int le32(byte[] b, int off) {
        return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8) | ((b[off + 2] & 0xFF) << 16) | ((b[off + 3] & 0xFF) << 24);
    }
}
