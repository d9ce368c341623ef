package org.pleura.dicom.pixel;

import java.nio.ByteBuffer;

/**
 * Encapsulated Uncompressed Explicit VR Little Endian (1.2.840.10008.1.2.1.98): each frame is the
 * native frame bytes, little endian.
 */
public final class UncompressedFrameDecoder implements FrameDecoder {

    @Override
    public DecodedFrame decode(byte[] encoded, FrameFormat format) throws PixelDataException {
        long size = NativeFrames.frameBytes(format);
        if (encoded.length < size) {
            throw new PixelDataException("uncompressed frame has " + encoded.length + " bytes, the image needs " + size);
        }
        int[] samples = NativeFrames.unpack(ByteBuffer.wrap(encoded), 0, format);
        return new DecodedFrame(format.rows(), format.columns(), format.samplesPerPixel(), format.bitsAllocated(), samples);
    }
}
