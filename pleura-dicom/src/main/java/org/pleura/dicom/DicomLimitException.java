package org.pleura.dicom;

/**
 * The input asks for more than Pleura's documented hard limits allow (value length, nesting depth,
 * element count, decoded size, image dimensions): refused before allocating. See {@link
 * ReadOptions} and {@code docs/dicom-limits.md}.
 */
public class DicomLimitException extends DicomException {
    private static final long serialVersionUID = 1L;

    public DicomLimitException(String message) {
        super(message);
    }
}
