package org.pleura.model.catalogue;

/** A catalogue file is malformed, or a finding id is not in the catalogue. */
public class CatalogueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogueException(String message) {
        super(message);
    }

    public CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
