package org.pleura.dicom.net.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A presentation context proposed in an A-ASSOCIATE-RQ (PS3.8 section 9.3.2.2): one abstract syntax (a SOP class)
 * and the transfer syntaxes the requestor can use for it, in its order of preference.
 *
 * @param id               the context id, odd, 1 to 255
 * @param abstractSyntax   the SOP class UID
 * @param transferSyntaxes transfer syntax UIDs, at least one
 */
public record PresentationContextProposal(int id, String abstractSyntax, List<String> transferSyntaxes) {

    public PresentationContextProposal {
        if (id < 1 || id > 255 || (id & 1) == 0) {
            throw new IllegalArgumentException("presentation context id must be odd, 1 to 255: " + id);
        }
        Objects.requireNonNull(abstractSyntax);
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("a presentation context needs at least one transfer syntax");
        }
    }
}
