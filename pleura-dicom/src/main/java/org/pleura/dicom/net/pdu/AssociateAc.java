package org.pleura.dicom.net.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A-ASSOCIATE-AC (PS3.8 section 9.3.3): the acceptor accepts the association, with one result per proposed
 * presentation context.
 *
 * @param calledAeTitle        echoed from the request
 * @param callingAeTitle       echoed from the request
 * @param applicationContext   the application context name
 * @param presentationContexts one result per proposed context
 * @param userInformation      the acceptor's maximum PDU length and implementation identification
 */
public record AssociateAc(String calledAeTitle, String callingAeTitle, String applicationContext,
                          List<PresentationContextResult> presentationContexts, UserInformation userInformation)
        implements Pdu {

    public AssociateAc {
        Objects.requireNonNull(calledAeTitle);
        Objects.requireNonNull(callingAeTitle);
        Objects.requireNonNull(applicationContext);
        presentationContexts = List.copyOf(presentationContexts);
        Objects.requireNonNull(userInformation);
    }

    @Override
    public int type() {
        return 2;
    }
}
