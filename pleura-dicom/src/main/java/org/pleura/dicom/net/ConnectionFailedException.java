package org.pleura.dicom.net;

/** The TCP connection to the peer could not be made (refused, unreachable, unknown host, connect timeout). */
public final class ConnectionFailedException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    ConnectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
