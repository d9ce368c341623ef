package org.pleura.dicom.pixel;

/**
 * Decodes JPEG-LS frames (ITU-T T.87 / ISO/IEC 14495-1) in pure Java: the transfer syntaxes JPEG-LS
 * Lossless (1.2.840.10008.1.2.4.80) and JPEG-LS Near-Lossless (.81).
 *
 * <pre>{@code
 * DecodedFrame frame = new JpegLsDecoder().decode(frameBytes, format);
 * }</pre>
 *
 * <p>What it supports: lossless and near-lossless (NEAR &gt; 0) coding, 2 to 16 bits per sample,
 * any number of components with no, line or sample interleaving (samples are returned interleaved
 * by pixel), default and custom preset coding parameters (LSE id 1: MAXVAL, T1, T2, T3, RESET),
 * image sizes beyond 65535 (LSE id 4), restart intervals (DRI / RSTm). The error mapping and bias
 * correction follow the standard exactly, so decoding is bit-exact with CharLS (dcmtk, GDCM).
 *
 * <p>Where implementations disagree, it follows the standard: default thresholds for MAXVAL below
 * 128 use the formulas for small MAXVAL (the older CharLS inside dcmtk 3.6.7 applies the large-MAXVAL
 * ones and fails on the corpus's 7-bit JLSL_08_07, which GDCM and this decoder read alike); with a
 * MAXVAL below 2^P - 1,
 * RANGE, LIMIT and qbpp derive from MAXVAL (CharLS 2.4 derives them from P, so it cannot read such
 * rare codestreams). Sample-interleaved run interruptions are coded per component with the RItype
 * 0 context, as every CharLS version does.
 *
 * <p>What it refuses, with a {@link PixelDataException} naming the feature: mapping tables (LSE
 * id 2 and 3, palette images), subsampled components, a point transform, the HP colour transforms
 * and T.870 extensions.
 *
 * <p>Hostile input: the frame size in the codestream must equal the DICOM header's (the
 * {@link FrameFormat}); the only large allocation is that frame. A truncated codestream, a missing
 * restart marker, an invalid Golomb code or a run that overflows its line ends with a
 * {@link PixelDataException}: no partial image is returned. Bytes after the last scan (a missing
 * EOI, DICOM padding after it) are ignored. Stateless and safe to share between threads.
 */
public final class JpegLsDecoder implements FrameDecoder {

    @Override
    public DecodedFrame decode(byte[] encoded, FrameFormat format) throws PixelDataException {
        if (encoded == null || format == null) {
            throw new PixelDataException("no JPEG-LS data or no frame format given");
        }
        if (format.sampleCount() > Integer.MAX_VALUE - 16) {
            throw new PixelDataException("frame of " + format.sampleCount() + " samples is too large to decode");
        }
        try {
            return new JpegLsCodestream(encoded, format).decode();
        } catch (RuntimeException e) {
            // a decoder defect on hostile input must still surface as bad pixel data, not a crash
            throw new PixelDataException("corrupt JPEG-LS data: the decoder failed (" + e + ")", e);
        }
    }
}
