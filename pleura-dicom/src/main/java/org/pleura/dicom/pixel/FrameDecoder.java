package org.pleura.dicom.pixel;

/**
 * Decodes one encoded frame (the bytes of one frame of encapsulated Pixel Data, fragments
 * already concatenated) into its samples.
 *
 * <pre>{@code
 * FrameDecoder decoder = new JpegLsDecoder();
 * DecodedFrame frame = decoder.decode(frameBytes, format);
 * int first = frame.samples()[0];
 * }</pre>
 *
 * Implementations are stateless and safe to share between threads. Every failure (corrupt,
 * truncated, unsupported) is a {@link PixelDataException}; never an unchecked exception, never a
 * hang, and no allocation larger than the frame the header declares.
 */
public interface FrameDecoder {
    DecodedFrame decode(byte[] encoded, FrameFormat format) throws PixelDataException;
}
