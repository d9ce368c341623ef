package org.pleura.dicom.pixel;

/**
 * What the DICOM header says one frame looks like (Image Pixel module).
 *
 * @param rows                      Rows (0028,0010)
 * @param columns                   Columns (0028,0011)
 * @param samplesPerPixel           Samples per Pixel (0028,0002): 1 for grayscale, 3 for colour
 * @param bitsAllocated             Bits Allocated (0028,0100)
 * @param bitsStored                Bits Stored (0028,0101)
 * @param signed                    Pixel Representation (0028,0103) is 1
 * @param photometricInterpretation e.g. MONOCHROME1, MONOCHROME2, RGB, YBR_FULL
 * @param planarConfiguration       Planar Configuration (0028,0006): 0 colour-by-pixel, 1 by plane
 */
public record FrameFormat(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
                          boolean signed, String photometricInterpretation, int planarConfiguration) {

    /** Number of samples in one frame. */
    public long sampleCount() {
        return (long) rows * columns * samplesPerPixel;
    }
}
