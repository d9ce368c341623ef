package org.pleura.image;

/**
 * Physical size of a pixel in millimetres: {@code row} is the distance between rows (vertical),
 * {@code column} between columns (horizontal), in DICOM order.
 *
 * @param source which attribute it came from, e.g. "PixelSpacing", "ImagerPixelSpacing"
 */
public record PixelSpacing(double row, double column, String source) {
    public PixelSpacing {
        if (!(row > 0) || !(column > 0)) {
            throw new IllegalArgumentException("pixel spacing must be positive: " + row + "\\" + column);
        }
    }
}
