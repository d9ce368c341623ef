package org.pleura.dicom.net;

/** The peer sent something the DICOM protocol does not allow there; the association was aborted. */
public final class DicomProtocolException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    DicomProtocolException(String message) {
        super(message);
    }

    DicomProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
