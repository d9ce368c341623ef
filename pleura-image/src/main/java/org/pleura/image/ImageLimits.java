package org.pleura.image;

/**
 * Limits that protect the reader from absurd or hostile inputs: checked from the header, before
 * any pixel buffer is allocated.
 */
public final class ImageLimits {
    /** Largest accepted width or height: 16,384 pixels (detectors are at most about 4,300). */
    public static final int MAX_SIDE = 16_384;
    /** Largest accepted number of pixels in one picture: 64 megapixels (256 MB of stored values). */
    public static final long MAX_PIXELS = 64L * 1024 * 1024;

    private ImageLimits() {
    }

    static void checkSize(String source, long width, long height) throws ImageReadException {
        if (width <= 0 || height <= 0) {
            throw new ImageReadException(source, "image has no pixels (" + width + "x" + height + ")");
        }
        if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
            throw new ImageReadException(source, "image is " + width + "x" + height
                    + " pixels, larger than the limit of " + MAX_SIDE + " per side and " + MAX_PIXELS + " pixels");
        }
    }
}
