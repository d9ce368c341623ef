package org.pleura.dicom;

/**
 * The bytes are not valid DICOM: not a DICOM file at all, truncated, a length that runs past the
 * end of its container, a missing item or delimiter, an unreadable deflated stream. The message
 * says what was expected and, when known, at which byte offset.
 */
public class DicomFormatException extends DicomException {
    private static final long serialVersionUID = 1L;

    public DicomFormatException(String message) {
        super(message);
    }

    public DicomFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
