package org.pleura.dicom.net;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.net.pdu.PresentationContextProposal;

/**
 * The SCU: C-ECHO and C-STORE to another DICOM node ({@code AET@host:port}). Thread-safe (every call opens its own
 * association).
 *
 * <pre>{@code
 * DicomClient client = new DicomClient(ClientConfig.builder().callingAeTitle("PLEURA").build());
 * DicomNode pacs = DicomNode.parse("PACS@10.0.0.5:104");
 * DimseStatus echo = client.echo(pacs);
 * List<StoreOutcome> outcomes = client.store(pacs, List.of(StoreSource.file(sr), StoreSource.file(sc)));
 * }</pre>
 *
 * <p>Negotiation: for each SOP class to send, one presentation context per transfer syntax the objects are in
 * (so each is sent as it is, byte for byte), plus one with explicit and implicit VR little endian as a fallback.
 * An object whose own syntax the peer refuses is re-encoded into a native syntax the peer accepted when its
 * pixel data is native; compressed pixel data is never transcoded (the object is reported not sent).
 */
public final class DicomClient {

    /** Most presentation contexts in one association (odd ids 1 to 255). */
    static final int MAX_CONTEXTS = 128;
    private static final System.Logger LOG = System.getLogger("org.pleura.dicom.net");

    private final ClientConfig config;

    /** A client calling with this configuration's AE title, limits and timeouts. */
    public DicomClient(ClientConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    /** The configuration used. */
    public ClientConfig config() {
        return config;
    }

    /**
     * Opens an association with these presentation contexts (see {@link #proposalsFor(List)}).
     *
     * @throws ConnectionFailedException    when the peer cannot be reached
     * @throws AssociationRejectedException when the peer rejects the association, with its reason
     * @throws DicomNetworkException        when the peer aborts, times out or breaks the protocol
     */
    public ScuAssociation open(DicomNode peer, List<PresentationContextProposal> contexts) throws DicomNetworkException {
        return ScuAssociation.open(config, peer, contexts);
    }

    /**
     * Verifies the peer with a C-ECHO on its own association.
     *
     * @return the peer's status ({@link DimseStatus#SOP_CLASS_NOT_SUPPORTED} if it refused the Verification class)
     * @throws DicomNetworkException when the peer cannot be reached, rejects the association, aborts or times out
     */
    public DimseStatus echo(DicomNode peer) throws DicomNetworkException {
        List<PresentationContextProposal> pcs = List.of(new PresentationContextProposal(1, SopClasses.VERIFICATION,
                List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())));
        try (ScuAssociation a = open(peer, pcs)) {
            DimseStatus status = a.echo();
            a.release();
            return status;
        }
    }

    /**
     * Sends objects by C-STORE, on one association (more if they need over 128 presentation contexts).
     *
     * @return one outcome per source, in order: stored, refused by the peer (its status), or not sent (why)
     * @throws DicomNetworkException when an association cannot be opened or fails; objects before the failure may
     *                               have been stored
     */
    public List<StoreOutcome> store(DicomNode peer, List<StoreSource> sources) throws DicomNetworkException {
        List<StoreOutcome> outcomes = new ArrayList<>(sources.size());
        List<PreparedObject> batch = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        Map<String, Set<String>> syntaxes = new LinkedHashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            outcomes.add(null);
            StoreSource source = sources.get(i);
            PreparedObject p;
            try {
                p = PreparedObject.prepare(source);
            } catch (IOException | RuntimeException e) {
                outcomes.set(i, new StoreOutcome.NotSent(source, "cannot read " + source.describe() + ": "
                        + e.getMessage()));
                continue;
            }
            Map<String, Set<String>> grown = copy(syntaxes);
            grown.computeIfAbsent(p.sopClass, k -> new LinkedHashSet<>()).add(p.transferSyntax.uid());
            if (contextCount(grown) > MAX_CONTEXTS && !batch.isEmpty()) {
                send(peer, batch, positions, syntaxes, outcomes);
                batch.clear();
                positions.clear();
                syntaxes.clear();
                grown = copy(syntaxes);
                grown.computeIfAbsent(p.sopClass, k -> new LinkedHashSet<>()).add(p.transferSyntax.uid());
            }
            syntaxes = grown;
            batch.add(p);
            positions.add(i);
        }
        if (!batch.isEmpty()) {
            send(peer, batch, positions, syntaxes, outcomes);
        }
        return outcomes;
    }

    private void send(DicomNode peer, List<PreparedObject> batch, List<Integer> positions,
                      Map<String, Set<String>> syntaxes, List<StoreOutcome> outcomes) throws DicomNetworkException {
        try (ScuAssociation a = open(peer, proposals(syntaxes))) {
            for (int k = 0; k < batch.size(); k++) {
                outcomes.set(positions.get(k), a.store(batch.get(k)));
            }
            try {
                a.release();
            } catch (DicomNetworkException e) {
                // every object was answered: a failed release loses nothing
                LOG.log(System.Logger.Level.INFO, "release of the association with {0} failed after all objects were "
                        + "answered: {1}", peer, e.getMessage());
            }
        }
    }

    /**
     * The presentation contexts to propose for sending these sources: per SOP class, one context per transfer
     * syntax of the sources, then explicit and implicit VR little endian. Unreadable sources are skipped.
     */
    public static List<PresentationContextProposal> proposalsFor(List<StoreSource> sources) {
        Map<String, Set<String>> syntaxes = new LinkedHashMap<>();
        for (StoreSource s : sources) {
            try {
                PreparedObject p = PreparedObject.prepare(s);
                syntaxes.computeIfAbsent(p.sopClass, k -> new LinkedHashSet<>()).add(p.transferSyntax.uid());
            } catch (IOException | RuntimeException e) {
                // reported when the source is sent
            }
        }
        return proposals(syntaxes);
    }

    private static List<PresentationContextProposal> proposals(Map<String, Set<String>> syntaxes) {
        List<String> fallback = List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
        List<PresentationContextProposal> out = new ArrayList<>();
        int id = 1;
        for (Map.Entry<String, Set<String>> e : syntaxes.entrySet()) {
            for (String ts : e.getValue()) {
                if (id > 255) {
                    throw new IllegalArgumentException("more than " + MAX_CONTEXTS + " presentation contexts");
                }
                out.add(new PresentationContextProposal(id, e.getKey(), List.of(ts)));
                id += 2;
            }
            if (id > 255) {
                throw new IllegalArgumentException("more than " + MAX_CONTEXTS + " presentation contexts");
            }
            out.add(new PresentationContextProposal(id, e.getKey(), fallback));
            id += 2;
        }
        return out;
    }

    private static int contextCount(Map<String, Set<String>> syntaxes) {
        return syntaxes.values().stream().mapToInt(s -> s.size() + 1).sum();
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> m) {
        Map<String, Set<String>> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, new LinkedHashSet<>(v)));
        return c;
    }
}
