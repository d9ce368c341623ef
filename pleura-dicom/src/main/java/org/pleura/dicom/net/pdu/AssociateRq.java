package org.pleura.dicom.net.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-RQ (PS3.8 section 9.3.2): the requestor asks for an association.
 *
 * @param protocolVersion      the protocol version bit field (bit 0 set for version 1, the only one defined)
 * @param calledAeTitle        the AE title the requestor wants to reach (trimmed)
 * @param callingAeTitle       the requestor's own AE title (trimmed)
 * @param applicationContext   the application context name, {@link #DICOM_APPLICATION_CONTEXT} for DICOM
 * @param presentationContexts the proposed presentation contexts, in the requestor's order
 * @param userInformation      maximum PDU length, implementation identification and optional negotiation
 */
public record AssociateRq(int protocolVersion, String calledAeTitle, String callingAeTitle, String applicationContext,
                          List<PresentationContextProposal> presentationContexts, UserInformation userInformation)
        implements Pdu {

    /** The DICOM application context name (PS3.7 annex A.2.1). */
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    public AssociateRq {
        Objects.requireNonNull(calledAeTitle);
        Objects.requireNonNull(callingAeTitle);
        Objects.requireNonNull(applicationContext);
        presentationContexts = List.copyOf(presentationContexts);
        Objects.requireNonNull(userInformation);
    }

    /** A version 1 request in the DICOM application context. */
    public AssociateRq(String calledAeTitle, String callingAeTitle, List<PresentationContextProposal> contexts,
                       UserInformation userInformation) {
        this(1, calledAeTitle, callingAeTitle, DICOM_APPLICATION_CONTEXT, contexts, userInformation);
    }

    @Override
    public int type() {
        return 1;
    }
}
