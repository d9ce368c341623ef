package org.pleura.dicom.net;

/**
 * The association ended abruptly: the peer sent an A-ABORT, or closed the connection without releasing the
 * association. Objects whose response had not arrived must be considered not stored.
 */
public final class AssociationAbortedException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    AssociationAbortedException(String message) {
        super(message);
    }

    AssociationAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
