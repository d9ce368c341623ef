package org.pleura.model.pkg;

import java.io.IOException;

/** A model package is missing, unreadable or inconsistent; the message names the file and the problem. */
public class InvalidModelPackageException extends IOException {

    private static final long serialVersionUID = 1L;

    public InvalidModelPackageException(String message) {
        super(message);
    }

    public InvalidModelPackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
