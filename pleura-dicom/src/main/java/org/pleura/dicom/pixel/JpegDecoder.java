package org.pleura.dicom.pixel;

/**
 * Decodes JPEG frames (ITU-T T.81) in pure Java: the transfer syntaxes JPEG Baseline
 * (1.2.840.10008.1.2.4.50), JPEG Extended (.51, 8- and 12-bit, up to four Huffman tables), JPEG
 * Lossless (.57, process 14, any predictor 1..7, point transform, 2..16 bits) and JPEG Lossless
 * SV1 (.70). Huffman coding only; progressive, hierarchical and arithmetic-coded frames are
 * refused with a {@link PixelDataException} naming the process.
 *
 * <pre>{@code
 * DecodedFrame frame = new JpegDecoder().decode(frameBytes, format);
 * }</pre>
 *
 * <p>What it returns: the samples as coded, no colour conversion (a YCbCr frame stays YCbCr), any
 * number of components (1 to 4) interleaved by pixel. Lossless frames are bit-exact. Lossy frames
 * reproduce libjpeg (which dcmtk's {@code dcmdjpeg} uses): the same accurate integer inverse DCT
 * ("ISLOW") and libjpeg's "fancy" triangular upsampling of 2:1 subsampled chroma (other sampling
 * ratios are replicated), so samples match dcmtk's (see {@code docs/benchmarks.md} and the tests
 * for the measured difference).
 *
 * <p>Strict about damage: a frame whose entropy-coded data runs out, lacks a restart marker, holds
 * an invalid Huffman code or whose dimensions differ from the DICOM header's is refused rather than
 * returned partly grey. Trailing bytes after EOI (DICOM padding) are ignored. Stateless and safe to
 * share between threads.
 */
public final class JpegDecoder implements FrameDecoder {

    @Override
    public DecodedFrame decode(byte[] encoded, FrameFormat format) throws PixelDataException {
        if (encoded == null || format == null) {
            throw new PixelDataException("no JPEG data or no frame format given");
        }
        if (format.sampleCount() > Integer.MAX_VALUE - 16) {
            throw new PixelDataException("frame of " + format.sampleCount() + " samples is too large to decode");
        }
        try {
            return new JpegCodestream(encoded, format).decode();
        } catch (RuntimeException e) {
            // a decoder defect on hostile input must still surface as bad pixel data, not a crash
            throw new PixelDataException("corrupt JPEG data: the decoder failed (" + e + ")", e);
        }
    }
}
