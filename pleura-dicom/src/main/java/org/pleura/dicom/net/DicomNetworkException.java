package org.pleura.dicom.net;

import java.io.IOException;

/**
 * A DICOM network operation failed as a whole: the peer could not be reached, refused or aborted the association,
 * did not answer in time, or broke the protocol. The message names the peer and says what to check. Problems with
 * one object (a failure status, an object that cannot be sent) are not exceptions but {@link StoreOutcome}s.
 */
public abstract sealed class DicomNetworkException extends IOException
        permits ConnectionFailedException, AssociationRejectedException, AssociationAbortedException,
        DicomTimeoutException, DicomProtocolException {
    private static final long serialVersionUID = 1L;

    DicomNetworkException(String message) {
        super(message);
    }

    DicomNetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
