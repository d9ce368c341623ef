package org.pleura.dicom.net;

import java.util.Objects;
import org.pleura.dicom.TransferSyntax;

/**
 * A presentation context both sides agreed on: messages of this SOP class travel on this context id, their data
 * sets encoded in this transfer syntax.
 *
 * @param id             the presentation context id
 * @param abstractSyntax the SOP class UID
 * @param transferSyntax the negotiated transfer syntax
 */
public record AcceptedContext(int id, String abstractSyntax, TransferSyntax transferSyntax) {

    public AcceptedContext {
        Objects.requireNonNull(abstractSyntax);
        Objects.requireNonNull(transferSyntax);
    }
}
