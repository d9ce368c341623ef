package org.pleura.dicom.pixel;

/**
 * One decoded frame, as the codestream gave it: {@code samples} holds rows x columns x
 * samplesPerPixel values interleaved by pixel (R,G,B,R,G,B...), each the unsigned integer the
 * codec produced. Sign extension and high-bit masking are applied later by the caller, which
 * knows Pixel Representation and Bits Stored.
 *
 * @param precision bits per sample declared by the codestream (e.g. 8, 12, 16)
 */
public record DecodedFrame(int rows, int columns, int samplesPerPixel, int precision, int[] samples) {
    public DecodedFrame {
        if ((long) rows * columns * samplesPerPixel != samples.length) {
            throw new IllegalArgumentException("samples length " + samples.length + " does not match "
                    + rows + "x" + columns + "x" + samplesPerPixel);
        }
    }
}
