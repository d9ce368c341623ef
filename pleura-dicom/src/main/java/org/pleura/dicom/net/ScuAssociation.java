package org.pleura.dicom.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.UID;
import org.pleura.dicom.net.pdu.Abort;
import org.pleura.dicom.net.pdu.AssociateAc;
import org.pleura.dicom.net.pdu.AssociateRj;
import org.pleura.dicom.net.pdu.AssociateRq;
import org.pleura.dicom.net.pdu.PDataTf;
import org.pleura.dicom.net.pdu.Pdu;
import org.pleura.dicom.net.pdu.PduFormatException;
import org.pleura.dicom.net.pdu.Pdv;
import org.pleura.dicom.net.pdu.PresentationContextProposal;
import org.pleura.dicom.net.pdu.PresentationContextResult;
import org.pleura.dicom.net.pdu.ReleaseRp;
import org.pleura.dicom.net.pdu.ReleaseRq;
import org.pleura.dicom.net.pdu.UserInformation;

/**
 * An association this node requested (the SCU side): open it with {@link DicomClient#open}, send C-ECHO and
 * C-STORE requests one at a time, then {@link #release()} it ({@link #close()} releases too). Not thread-safe.
 *
 * <pre>{@code
 * try (ScuAssociation a = client.open(pacs, DicomClient.proposalsFor(sources))) {
 *     for (StoreSource s : sources) {
 *         StoreOutcome outcome = a.store(s);
 *     }
 * }
 * }</pre>
 *
 * <p>Any {@link DicomNetworkException} ends the association (it is aborted and closed); an object whose response
 * had not arrived must be considered not stored.
 */
public final class ScuAssociation implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("org.pleura.dicom.net");

    private final DicomNode peer;
    private final ClientConfig config;
    private final PduChannel channel;
    private final List<PresentationContextResult> results;
    private final Map<Integer, AcceptedContext> accepted;
    private final int maxFragment;
    private int nextMessageId = 1;
    private boolean open = true;

    private ScuAssociation(DicomNode peer, ClientConfig config, PduChannel channel, List<PresentationContextResult> results,
                           Map<Integer, AcceptedContext> accepted, long peerMaxPdu) {
        this.peer = peer;
        this.config = config;
        this.channel = channel;
        this.results = results;
        this.accepted = accepted;
        this.maxFragment = Dimse.maxFragment(peerMaxPdu, config.maxPduLength());
    }

    static ScuAssociation open(ClientConfig config, DicomNode peer, List<PresentationContextProposal> proposals)
            throws DicomNetworkException {
        Socket socket = connect(config, peer);
        PduChannel channel;
        try {
            channel = new PduChannel(socket, peer.toString(), config.maxPduLength(), config.writeTimeout().toMillis());
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ConnectionFailedException("connection to " + peer + " lost at once: " + e.getMessage(), e);
        }
        try {
            AssociateRq rq = new AssociateRq(peer.aeTitle(), config.callingAeTitle(), proposals,
                    new UserInformation(config.maxPduLength(), UID.PLEURA_IMPLEMENTATION_CLASS,
                            UID.PLEURA_IMPLEMENTATION_VERSION));
            channel.write(rq);
            long artim = config.associationTimeout().toMillis();
            Pdu answer = channel.read(artim, artim, "A-ASSOCIATE-AC");
            if (answer instanceof AssociateAc ac) {
                Map<Integer, PresentationContextProposal> byId = new LinkedHashMap<>();
                for (PresentationContextProposal p : proposals) {
                    byId.put(p.id(), p);
                }
                Map<Integer, AcceptedContext> accepted = new LinkedHashMap<>();
                for (PresentationContextResult r : ac.presentationContexts()) {
                    PresentationContextProposal p = byId.get(r.id());
                    if (r.accepted() && p != null) {
                        accepted.put(r.id(), new AcceptedContext(r.id(), p.abstractSyntax(),
                                TransferSyntax.of(r.transferSyntax())));
                    }
                }
                channel.maxPDataLength(config.maxPduLength());
                LOG.log(Level.DEBUG, "association to {0} accepted, {1,number,#} of {2,number,#} presentation contexts", peer,
                        accepted.size(), proposals.size());
                return new ScuAssociation(peer, config, channel, ac.presentationContexts(), accepted,
                        ac.userInformation().maxPduLength());
            }
            if (answer instanceof AssociateRj rj) {
                channel.closeQuietly();
                throw new AssociationRejectedException(peer.toString(), rj);
            }
            if (answer instanceof Abort a) {
                channel.closeQuietly();
                throw new AssociationAbortedException(peer + " aborted the association request (" + a.describe() + ")");
            }
            channel.abort(Abort.byProvider(Abort.REASON_UNEXPECTED_PDU));
            throw new DicomProtocolException(peer + " answered the association request with a PDU of type "
                    + answer.type());
        } catch (DicomNetworkException e) {
            channel.closeQuietly();
            throw e;
        } catch (PduFormatException e) {
            channel.abort(Abort.byProvider(e.abortReason()));
            throw new DicomProtocolException(peer + " sent an invalid answer to the association request: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            channel.closeQuietly();
            throw new AssociationAbortedException("association request to " + peer + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * TLS over the connected socket: the BCP 195 profile, the peer's certificate checked against the trusted CAs and
     * against its host name (or IP address), the handshake bounded by the connect timeout.
     */
    private static Socket startTls(ClientConfig config, DicomNode peer, Socket plain) throws IOException {
        javax.net.ssl.SSLContext context = config.tls().orElseThrow(() -> new IOException("the route asks for TLS "
                + "but no TLS context is configured (give --tls-cert and --tls-key)"));
        javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(plain,
                peer.host(), peer.port(), true);
        tls.setEnabledProtocols(TlsProfile.protocols(tls.getSupportedProtocols()));
        tls.setEnabledCipherSuites(TlsProfile.cipherSuites(tls.getSupportedCipherSuites()));
        javax.net.ssl.SSLParameters p = tls.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(p);
        tls.setSoTimeout((int) config.connectTimeout().toMillis());
        try {
            tls.startHandshake();
        } catch (IOException e) {
            closeQuietly(tls);
            throw new IOException("TLS handshake failed: " + e.getMessage(), e);
        }
        return tls;
    }

    private static Socket connect(ClientConfig config, DicomNode peer) throws ConnectionFailedException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(peer.host(), peer.port()), (int) config.connectTimeout().toMillis());
            return peer.tls() ? startTls(config, peer, socket) : socket;
        } catch (UnknownHostException e) {
            closeQuietly(socket);
            throw new ConnectionFailedException("cannot connect to " + peer + ": unknown host " + peer.host(), e);
        } catch (ConnectException e) {
            closeQuietly(socket);
            throw new ConnectionFailedException("cannot connect to " + peer + ": connection refused (is the DICOM node "
                    + "running and listening on port " + peer.port() + "?)", e);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new ConnectionFailedException("cannot connect to " + peer + ": no answer within "
                    + PduChannel.seconds(config.connectTimeout().toMillis()) + " (host down or port filtered?)", e);
        } catch (NoRouteToHostException e) {
            closeQuietly(socket);
            throw new ConnectionFailedException("cannot connect to " + peer + ": no route to host", e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ConnectionFailedException("cannot connect to " + peer + ": " + e.getMessage(), e);
        }
    }

    /** The peer. */
    public DicomNode peer() {
        return peer;
    }

    /** The presentation contexts the peer accepted. */
    public List<AcceptedContext> acceptedContexts() {
        return List.copyOf(accepted.values());
    }

    /** The peer's answer for every proposed presentation context. */
    public List<PresentationContextResult> contextResults() {
        return results;
    }

    /** True until released, aborted or failed. */
    public boolean isOpen() {
        return open;
    }

    /**
     * Sends a C-ECHO. Returns {@link DimseStatus#SOP_CLASS_NOT_SUPPORTED} without sending when the peer did not
     * accept the Verification SOP class.
     */
    public DimseStatus echo() throws DicomNetworkException {
        Optional<AcceptedContext> pc = contextFor(SopClasses.VERIFICATION, null);
        if (pc.isEmpty()) {
            return DimseStatus.SOP_CLASS_NOT_SUPPORTED.withComment(peer + " did not accept the Verification SOP class");
        }
        int id = messageId();
        return guarded(() -> {
            Dimse.sendCommand(channel, pc.get().id(), Dimse.echoRq(id), maxFragment);
            return Dimse.status(awaitResponse(id, "C-ECHO-RSP"));
        });
    }

    /**
     * Sends one object by C-STORE in the best transfer syntax the peer accepted for it: its own, else (for native
     * pixel data only) a native syntax it is re-encoded into.
     *
     * @return the outcome for this object (stored, refused with the peer's status, or not sent and why)
     * @throws DicomNetworkException when the association fails; it is then closed
     */
    public StoreOutcome store(StoreSource source) throws DicomNetworkException {
        PreparedObject p;
        try {
            p = PreparedObject.prepare(source);
        } catch (IOException | RuntimeException e) {
            return new StoreOutcome.NotSent(source, "cannot read " + source.describe() + ": " + e.getMessage());
        }
        return store(p);
    }

    StoreOutcome store(PreparedObject p) throws DicomNetworkException {
        ensureOpen();
        String className = UID.nameOf(p.sopClass).orElse(p.sopClass);
        Optional<AcceptedContext> exact = contextFor(p.sopClass, p.transferSyntax);
        AcceptedContext pc;
        boolean convert = false;
        if (exact.isPresent()) {
            pc = exact.get();
        } else {
            Optional<AcceptedContext> nativeContext = nativeContextFor(p);
            if (nativeContext.isEmpty()) {
                return new StoreOutcome.NotSent(p.source, notSentReason(p, className));
            }
            pc = nativeContext.get();
            convert = true;
        }
        byte[] converted = null;
        if (convert) {
            try {
                converted = p.encodeAs(pc.transferSyntax());
            } catch (IOException | RuntimeException e) {
                return new StoreOutcome.NotSent(p.source, "cannot re-encode " + p.source.describe() + " in "
                        + pc.transferSyntax().name() + ": " + e.getMessage());
            }
        }
        InputStream data = null;
        long length;
        try {
            if (converted == null) {
                length = p.length();
                data = p.open();
            } else {
                length = converted.length;
            }
        } catch (IOException | RuntimeException e) {
            return new StoreOutcome.NotSent(p.source, "cannot read " + p.source.describe() + ": " + e.getMessage());
        }
        int id = messageId();
        byte[] bytes = converted;
        InputStream stream = data;
        try {
            DimseStatus status = guarded(() -> {
                Dimse.sendCommand(channel, pc.id(), Dimse.storeRq(id, p.sopClass, p.sopInstance, Dimse.PRIORITY_MEDIUM),
                        maxFragment);
                if (bytes != null) {
                    Dimse.sendBytes(channel, pc.id(), false, bytes, maxFragment);
                } else {
                    try {
                        Dimse.sendStream(channel, pc.id(), stream, length, maxFragment);
                    } catch (DicomNetworkException e) {
                        throw e;
                    } catch (IOException e) {
                        channel.abort(Abort.byUser());
                        throw new AssociationAbortedException("association to " + peer + " aborted by this node: "
                                + "cannot read " + p.source.describe() + " while sending it: " + e.getMessage(), e);
                    }
                }
                return Dimse.status(awaitResponse(id, "C-STORE-RSP"));
            });
            LOG.log(status.isFailure() ? Level.WARNING : Level.DEBUG, "C-STORE of {0} to {1}: {2}", className, peer,
                    status);
            return status.isFailure() ? new StoreOutcome.Refused(p.source, p.sopInstance, status)
                    : new StoreOutcome.Stored(p.source, p.sopInstance, pc.transferSyntax(), status);
        } finally {
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // the object was sent (or the association failed): nothing depends on this
                }
            }
        }
    }

    private String notSentReason(PreparedObject p, String className) {
        boolean classAccepted = accepted.values().stream().anyMatch(c -> c.abstractSyntax().equals(p.sopClass));
        if (!classAccepted) {
            return peer + " does not accept " + className + " (" + resultFor(p.sopClass) + ")";
        }
        return peer + " does not accept " + p.transferSyntax.name() + " for " + className
                + ", and compressed pixel data cannot be re-encoded by Pleura";
    }

    private String resultFor(String sopClass) {
        return results.stream().filter(r -> r.result() != PresentationContextResult.ACCEPTANCE).findFirst()
                .map(PresentationContextResult::resultText).orElse("not proposed");
    }

    private Optional<AcceptedContext> contextFor(String sopClass, TransferSyntax ts) {
        return accepted.values().stream()
                .filter(c -> c.abstractSyntax().equals(sopClass) && (ts == null || c.transferSyntax().uid().equals(ts.uid())))
                .findFirst();
    }

    private Optional<AcceptedContext> nativeContextFor(PreparedObject p) {
        List<AcceptedContext> candidates = new ArrayList<>();
        for (AcceptedContext c : accepted.values()) {
            if (c.abstractSyntax().equals(p.sopClass) && p.canConvertTo(c.transferSyntax())) {
                candidates.add(c);
            }
        }
        candidates.sort((a, b) -> Integer.compare(rank(a.transferSyntax()), rank(b.transferSyntax())));
        return candidates.stream().findFirst();
    }

    private static int rank(TransferSyntax ts) {
        int i = TransferSyntaxes.NATIVE.indexOf(ts);
        return i < 0 ? 99 : i;
    }

    private int messageId() {
        int id = nextMessageId;
        nextMessageId = nextMessageId == 0xFFFF ? 1 : nextMessageId + 1;
        return id;
    }

    // ------------------------------------------------------------------ responses

    private DicomObject awaitResponse(int messageId, String what) throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream(256);
        DicomObject pending = null;
        long responseTimeout = config.responseTimeout().toMillis();
        long pduRead = config.pduReadTimeout().toMillis();
        while (true) {
            Pdu pdu = channel.read(pending == null && command.size() == 0 ? responseTimeout : pduRead, pduRead, what);
            if (pdu instanceof PDataTf data) {
                for (Pdv v : data.values()) {
                    if (v.command()) {
                        if (pending != null) {
                            throw new DicomProtocolException(peer + " sent a command while a data set was expected");
                        }
                        if (command.size() + v.data().length > Dimse.MAX_COMMAND_LENGTH) {
                            throw new DicomProtocolException(peer + " sent a command set larger than "
                                    + Dimse.MAX_COMMAND_LENGTH + " bytes");
                        }
                        command.write(v.data());
                        if (v.last()) {
                            DicomObject rsp = decodeCommand(command.toByteArray());
                            command.reset();
                            if (Dimse.hasDataSet(rsp)) {
                                pending = rsp;
                            } else {
                                return checkResponse(rsp, messageId, what);
                            }
                        }
                    } else {
                        if (pending == null) {
                            throw new DicomProtocolException(peer + " sent a data set without a command");
                        }
                        if (v.last()) {
                            return checkResponse(pending, messageId, what);
                        }
                    }
                }
            } else if (pdu instanceof Abort a) {
                open = false;
                channel.closeQuietly();
                throw new AssociationAbortedException(peer + " aborted the association while " + what + " was awaited ("
                        + a.describe() + ")");
            } else if (pdu instanceof ReleaseRq) {
                open = false;
                channel.write(new ReleaseRp());
                channel.closeGracefully(1000);
                throw new AssociationAbortedException(peer + " released the association before sending " + what);
            } else {
                throw new DicomProtocolException(peer + " sent a PDU of type " + pdu.type() + " while " + what
                        + " was awaited");
            }
        }
    }

    private DicomObject decodeCommand(byte[] bytes) throws DicomProtocolException {
        try {
            return Dimse.decode(bytes);
        } catch (DicomException e) {
            throw new DicomProtocolException(peer + " sent an unreadable command set: " + e.getMessage(), e);
        }
    }

    private DicomObject checkResponse(DicomObject rsp, int messageId, String what) throws IOException {
        int respondingTo = rsp.getInt(Tag.MessageIDBeingRespondedTo, -1);
        if (respondingTo != messageId || !rsp.contains(Tag.Status)) {
            throw new DicomProtocolException(peer + " sent a response to message " + respondingTo + " (status "
                    + rsp.getString(Tag.Status, "absent") + ") while " + what + " for message " + messageId
                    + " was awaited");
        }
        return rsp;
    }

    // ------------------------------------------------------------------ release, abort

    /** Releases the association (A-RELEASE-RQ, waits for the A-RELEASE-RP), then closes the connection. */
    public void release() throws DicomNetworkException {
        if (!open) {
            return;
        }
        open = false;
        try {
            channel.write(new ReleaseRq());
            long artim = config.associationTimeout().toMillis();
            while (true) {
                Pdu pdu = channel.read(artim, artim, "A-RELEASE-RP");
                if (pdu instanceof ReleaseRp) {
                    break;
                }
                if (pdu instanceof ReleaseRq) {
                    channel.write(new ReleaseRp()); // release collision: answer and keep waiting
                } else if (pdu instanceof Abort a) {
                    throw new AssociationAbortedException(peer + " aborted instead of releasing (" + a.describe() + ")");
                } else if (!(pdu instanceof PDataTf)) {
                    throw new DicomProtocolException(peer + " answered the release request with a PDU of type "
                            + pdu.type());
                }
            }
        } catch (DicomNetworkException e) {
            channel.abort(Abort.byProvider(Abort.REASON_NOT_SPECIFIED));
            throw e;
        } catch (PduFormatException e) {
            channel.abort(Abort.byProvider(e.abortReason()));
            throw new DicomProtocolException(peer + " sent an invalid PDU during release: " + e.getMessage(), e);
        } catch (IOException e) {
            channel.closeQuietly();
            throw new AssociationAbortedException("release of the association with " + peer + " failed: "
                    + e.getMessage(), e);
        } finally {
            channel.closeQuietly();
        }
    }

    /** Aborts the association (A-ABORT) and closes the connection. */
    public void abort() {
        open = false;
        channel.abort(Abort.byUser());
    }

    /** Releases the association if still open; aborts it when the release fails. Never throws. */
    @Override
    public void close() {
        if (open) {
            try {
                release();
            } catch (DicomNetworkException e) {
                LOG.log(Level.DEBUG, "release of the association with {0} failed: {1}", peer, e.getMessage());
            }
        }
        channel.closeQuietly();
    }

    // ------------------------------------------------------------------ helpers

    private interface Exchange<T> {
        T run() throws IOException;
    }

    /** Runs a request/response exchange; any failure ends the association with the right typed exception. */
    private <T> T guarded(Exchange<T> exchange) throws DicomNetworkException {
        ensureOpen();
        try {
            return exchange.run();
        } catch (DicomProtocolException | DicomTimeoutException e) {
            open = false;
            channel.abort(Abort.byProvider(Abort.REASON_NOT_SPECIFIED));
            throw e;
        } catch (DicomNetworkException e) {
            open = false;
            channel.closeQuietly();
            throw e;
        } catch (PduFormatException e) {
            open = false;
            channel.abort(Abort.byProvider(e.abortReason()));
            throw new DicomProtocolException(peer + " sent an invalid PDU: " + e.getMessage(), e);
        } catch (DicomException e) {
            open = false;
            channel.abort(Abort.byProvider(Abort.REASON_NOT_SPECIFIED));
            throw new DicomProtocolException(peer + " sent an invalid response: " + e.getMessage(), e);
        } catch (IOException e) {
            open = false;
            channel.abort(Abort.byUser());
            throw new AssociationAbortedException("association with " + peer + " failed: " + e.getMessage(), e);
        }
    }

    private void ensureOpen() throws DicomNetworkException {
        if (!open) {
            throw new AssociationAbortedException("the association with " + peer + " is no longer open");
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

}
