package org.pleura.dicom.net.pdu;

import org.pleura.dicom.DicomException;

/**
 * Bytes received from a peer are not a valid PDU: unknown type, a length beyond the agreed limit or beyond its
 * container, a missing mandatory item. The association is aborted with {@link #abortReason()}.
 */
public class PduFormatException extends DicomException {
    private static final long serialVersionUID = 1L;

    private final int abortReason;

    /** @param abortReason the A-ABORT reason to send (see {@link Abort}) */
    public PduFormatException(String message, int abortReason) {
        super(message);
        this.abortReason = abortReason;
    }

    /** The A-ABORT reason that fits this error. */
    public int abortReason() {
        return abortReason;
    }
}
