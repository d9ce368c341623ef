package org.pleura.train;

/** Training cannot start or continue; the message says what to change (manifest, options, disk). */
public class TrainingException extends Exception {

    private static final long serialVersionUID = 1L;

    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
