package org.pleura.batch;

/**
 * A problem the user can act on (an input that does not exist, an output folder another run is writing to, a
 * labels file without a key column): the message names the file and is printed as it is, without a stack trace.
 */
public class BatchException extends Exception {

    private static final long serialVersionUID = 1L;

    public BatchException(String message) {
        super(message);
    }

    public BatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
