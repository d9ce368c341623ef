package org.pleura.dicom.net;

/** The peer did not answer, send or read within the configured time; the association was aborted. */
public final class DicomTimeoutException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    DicomTimeoutException(String message) {
        super(message);
    }
}
