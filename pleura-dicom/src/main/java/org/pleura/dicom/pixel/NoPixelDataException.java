package org.pleura.dicom.pixel;

/** Pixels were asked of an object that has none, e.g. a Structured Report or a file without (7FE0,0010). */
public class NoPixelDataException extends PixelDataException {
    private static final long serialVersionUID = 1L;

    public NoPixelDataException(String message) {
        super(message);
    }
}
