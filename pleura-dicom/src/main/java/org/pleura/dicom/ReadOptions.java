package org.pleura.dicom;

/**
 * How {@link DicomReader} reads, and the hard limits that protect it from hostile input. Every
 * limit is checked before the memory is allocated; exceeding one gives a {@link
 * DicomLimitException}. A declared length is also never trusted beyond the bytes actually present:
 * with a file (known size) it is checked against the bytes left, with a stream the value buffer
 * grows only as bytes arrive, so a lying length fails with a {@link DicomFormatException} at the
 * end of the data instead of allocating what it claims.
 *
 * @param stopBeforePixelData stop at the first top-level element of group 7FE0 from (7FE0,0008)
 *                            on (Float/Double Float/Pixel Data): faster when only the header is
 *                            needed; later elements are not read
 * @param maxValueLength      largest value (one element, one fragment) in bytes
 * @param maxDepth            deepest nesting of sequences (top-level data set is depth 0)
 * @param maxElements         most elements and items in one read, over all nesting levels
 * @param maxDecodedBytes     most bytes read after inflating a deflated data set
 */
public record ReadOptions(boolean stopBeforePixelData, long maxValueLength, int maxDepth, long maxElements,
                          long maxDecodedBytes) {

    /** Default limits: values up to 1 GiB, nesting 64, 2 million elements, 4 GiB inflated. */
    public static final ReadOptions DEFAULT = new ReadOptions(false, 1L << 30, 64, 2_000_000, 4L << 30);

    /** The default limits, stopping before Pixel Data. */
    public static final ReadOptions HEADER_ONLY = DEFAULT.withStopBeforePixelData(true);

    public ReadOptions {
        if (maxValueLength < 0 || maxDepth < 0 || maxElements < 0 || maxDecodedBytes < 0) {
            throw new IllegalArgumentException("limits must be non-negative");
        }
    }

    /** A copy with {@code stopBeforePixelData} changed. */
    public ReadOptions withStopBeforePixelData(boolean stop) {
        return new ReadOptions(stop, maxValueLength, maxDepth, maxElements, maxDecodedBytes);
    }

    /** A copy with {@code maxValueLength} changed. */
    public ReadOptions withMaxValueLength(long bytes) {
        return new ReadOptions(stopBeforePixelData, bytes, maxDepth, maxElements, maxDecodedBytes);
    }
}
