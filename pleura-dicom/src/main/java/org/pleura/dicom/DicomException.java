package org.pleura.dicom;

import java.io.IOException;

/**
 * Base of every problem Pleura finds in DICOM input: the message says what is wrong in words a
 * user can act on (the caller adds the file name). Checked, because bad input is expected.
 */
public class DicomException extends IOException {
    private static final long serialVersionUID = 1L;

    public DicomException(String message) {
        super(message);
    }

    public DicomException(String message, Throwable cause) {
        super(message, cause);
    }
}
