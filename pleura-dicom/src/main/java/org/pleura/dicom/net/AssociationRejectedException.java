package org.pleura.dicom.net;

import org.pleura.dicom.net.pdu.AssociateRj;

/** The peer answered the association request with an A-ASSOCIATE-RJ; {@link #rejection()} says why. */
public final class AssociationRejectedException extends DicomNetworkException {
    private static final long serialVersionUID = 1L;

    private final transient AssociateRj rejection;

    AssociationRejectedException(String peer, AssociateRj rejection) {
        super(peer + " " + rejection.describe() + hint(rejection));
        this.rejection = rejection;
    }

    /** The rejection as received: result, source and reason. */
    public AssociateRj rejection() {
        return rejection;
    }

    /** True when trying again later may succeed (e.g. the peer was busy). */
    public boolean isTransient() {
        return rejection.isTransient();
    }

    private static String hint(AssociateRj rj) {
        if (rj.source() == AssociateRj.SOURCE_SERVICE_USER && rj.reason() == 7) {
            return " (check the called AE title configured for this peer)";
        }
        if (rj.source() == AssociateRj.SOURCE_SERVICE_USER && rj.reason() == 3) {
            return " (the peer does not know this node's AE title: add it to the peer's configuration)";
        }
        return rj.isTransient() ? " (try again later)" : "";
    }
}
