package org.pleura.model;

/** The engine failed while reading an image (not a property of the image: a bug or resource problem). */
public class DetectionException extends Exception {

    private static final long serialVersionUID = 1L;

    public DetectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
