package org.pleura.dicom.net;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.UID;
import org.pleura.dicom.net.pdu.AssociateAc;
import org.pleura.dicom.net.pdu.AssociateRj;
import org.pleura.dicom.net.pdu.AssociateRq;
import org.pleura.dicom.net.pdu.PresentationContextProposal;
import org.pleura.dicom.net.pdu.PresentationContextResult;
import org.pleura.dicom.net.pdu.UserInformation;

/**
 * The acceptor's side of association negotiation: whether to accept (protocol version, application context,
 * called and calling AE titles) and, for each proposed presentation context, the result.
 *
 * <p>Transfer syntax choice: the first syntax in the <em>proposer's</em> order that this node accepts. A modality
 * that lists its compressed syntax first therefore sends compressed (no decompression on its side, fewer bytes on
 * the wire), and one that lists explicit VR little endian first sends that.
 */
final class Negotiator {

    /** The outcome of an A-ASSOCIATE-RQ. */
    sealed interface Decision permits Accept, Reject {
    }

    /** Accept, with the AC to send and the accepted contexts by id. */
    record Accept(AssociateAc ac, Map<Integer, AcceptedContext> contexts) implements Decision {
    }

    /** Reject, with the RJ to send and a reason for the log. */
    record Reject(AssociateRj rj, String why) implements Decision {
    }

    private Negotiator() {
    }

    static Decision decide(AssociateRq rq, DicomServerConfig config) {
        if ((rq.protocolVersion() & 1) == 0) {
            return new Reject(AssociateRj.PROTOCOL_VERSION_NOT_SUPPORTED,
                    "protocol version " + rq.protocolVersion() + " not supported");
        }
        if (!AssociateRq.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContext())) {
            return new Reject(AssociateRj.APPLICATION_CONTEXT_NOT_SUPPORTED,
                    "application context " + rq.applicationContext() + " is not DICOM's");
        }
        if (!config.aeTitle().equals(rq.calledAeTitle())) {
            return new Reject(AssociateRj.CALLED_AE_TITLE_NOT_RECOGNISED,
                    "called AE title '" + rq.calledAeTitle() + "' is not this node's ('" + config.aeTitle() + "')");
        }
        if (!config.allowedCallingAeTitles().isEmpty() && !config.allowedCallingAeTitles().contains(rq.callingAeTitle())) {
            return new Reject(AssociateRj.CALLING_AE_TITLE_NOT_RECOGNISED,
                    "calling AE title '" + rq.callingAeTitle() + "' is not in the allow-list");
        }
        Set<String> sopClasses = Set.copyOf(config.sopClasses());
        Set<String> syntaxes = config.transferSyntaxes().stream().map(TransferSyntax::uid).collect(Collectors.toSet());
        List<PresentationContextResult> results = new ArrayList<>();
        Map<Integer, AcceptedContext> accepted = new LinkedHashMap<>();
        for (PresentationContextProposal pc : rq.presentationContexts()) {
            String chosen = null;
            int result;
            if (!sopClasses.contains(pc.abstractSyntax())) {
                result = PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED;
            } else {
                for (String ts : pc.transferSyntaxes()) {
                    if (syntaxes.contains(ts)) {
                        chosen = ts;
                        break;
                    }
                }
                result = chosen != null ? PresentationContextResult.ACCEPTANCE
                        : PresentationContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED;
            }
            results.add(new PresentationContextResult(pc.id(), result,
                    chosen != null ? chosen : pc.transferSyntaxes().get(0)));
            if (chosen != null) {
                accepted.put(pc.id(), new AcceptedContext(pc.id(), pc.abstractSyntax(), TransferSyntax.of(chosen)));
            }
        }
        UserInformation ui = new UserInformation(config.maxPduLength(), UID.PLEURA_IMPLEMENTATION_CLASS,
                UID.PLEURA_IMPLEMENTATION_VERSION);
        AssociateAc ac = new AssociateAc(rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext(), results, ui);
        return new Accept(ac, accepted);
    }
}
