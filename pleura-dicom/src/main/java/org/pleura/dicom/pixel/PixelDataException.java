package org.pleura.dicom.pixel;

import org.pleura.dicom.DicomException;

/** Pixel data that cannot be decoded: corrupt or truncated codestream, unsupported coding. */
public class PixelDataException extends DicomException {
    private static final long serialVersionUID = 1L;

    public PixelDataException(String message) {
        super(message);
    }

    public PixelDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
