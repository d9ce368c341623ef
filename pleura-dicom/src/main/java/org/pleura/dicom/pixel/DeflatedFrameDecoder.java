package org.pleura.dicom.pixel;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Deflated Image Frame Compression (1.2.840.10008.1.2.8.1): each frame is a raw deflate stream
 * of the native frame bytes (used for 1-bit segmentations). Never inflates beyond the native frame
 * size.
 */
public final class DeflatedFrameDecoder implements FrameDecoder {

    @Override
    public DecodedFrame decode(byte[] encoded, FrameFormat format) throws PixelDataException {
        long size = NativeFrames.frameBytes(format);
        if (size > Integer.MAX_VALUE - 8) {
            throw new PixelDataException("deflated frame too large: " + size + " bytes");
        }
        byte[] raw = new byte[(int) size];
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(encoded);
            int n = 0;
            while (n < raw.length && !inflater.finished()) {
                int r = inflater.inflate(raw, n, raw.length - n);
                if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += r;
            }
            if (n < raw.length) {
                throw new PixelDataException("deflated frame inflates to " + n + " bytes, the image needs " + raw.length);
            }
        } catch (DataFormatException e) {
            throw new PixelDataException("corrupt deflated frame: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        int[] samples = NativeFrames.unpack(ByteBuffer.wrap(raw), 0, format);
        return new DecodedFrame(format.rows(), format.columns(), format.samplesPerPixel(), format.bitsAllocated(), samples);
    }
}
