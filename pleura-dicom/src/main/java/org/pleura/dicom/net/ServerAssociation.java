package org.pleura.dicom.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.UID;
import org.pleura.dicom.VR;
import org.pleura.dicom.net.pdu.Abort;
import org.pleura.dicom.net.pdu.AssociateRq;
import org.pleura.dicom.net.pdu.PDataTf;
import org.pleura.dicom.net.pdu.Pdu;
import org.pleura.dicom.net.pdu.PduFormatException;
import org.pleura.dicom.net.pdu.Pdv;
import org.pleura.dicom.net.pdu.ReleaseRp;
import org.pleura.dicom.net.pdu.ReleaseRq;

/**
 * The acceptor's side of one association, run on its own thread: negotiation, then DIMSE messages (C-ECHO,
 * C-STORE; anything else is answered "unrecognised operation") until release, abort, timeout or a protocol error.
 * Whatever happens, the thread ends, the socket is closed, and no incomplete object reaches the handler.
 */
final class ServerAssociation implements Runnable {

    private static final System.Logger LOG = System.getLogger("org.pleura.dicom.net");
    /** On shutdown, how long an association whose last message was answered may take to release. */
    private static final long SHUTDOWN_RELEASE_WAIT_MILLIS = 1000;

    private final Socket socket;
    private final long id;
    private final DicomServerConfig config;
    private final StoreHandler handler;
    private final DicomServer.Counters counters;
    private final String address;
    private final PeerLimits limits;
    private String callerHeld;

    private volatile PduChannel channel;
    private volatile boolean established;
    private volatile boolean busy;
    private volatile boolean shutdownRequested;

    private AssociationInfo info;
    private Map<Integer, AcceptedContext> contexts;
    private int maxFragment;

    // the message being received
    private final ByteArrayOutputStream commandBytes = new ByteArrayOutputStream(256);
    private int commandContext = -1;
    private DicomObject pendingCommand;
    private int dataContext = -1;
    private Part10Spool spool;
    private long discardedBytes;
    private IOException spoolError;

    private long objects;
    private long bytes;

    ServerAssociation(Socket socket, long id, DicomServerConfig config, StoreHandler handler,
                      DicomServer.Counters counters, PeerLimits limits) {
        this.limits = limits;
        this.socket = socket;
        this.id = id;
        this.config = config;
        this.handler = handler;
        this.counters = counters;
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        this.address = remote.getAddress().getHostAddress() + ":" + remote.getPort();
    }

    @Override
    public void run() {
        long started = System.nanoTime();
        String end = null;
        try {
            channel = new PduChannel(socket, address, config.maxPduLength(), config.writeTimeout().toMillis());
            if (!negotiate()) {
                return;
            }
            end = serve();
        } catch (PduFormatException e) {
            end = "aborted: protocol error from the peer: " + e.getMessage();
            abort(Abort.byProvider(e.abortReason()));
        } catch (DicomProtocolException e) {
            end = "aborted: " + e.getMessage();
            abort(Abort.byProvider(Abort.REASON_UNEXPECTED_PDU_PARAMETER));
        } catch (DicomTimeoutException e) {
            end = "aborted: " + e.getMessage();
            if (established) {
                abort(Abort.byProvider(Abort.REASON_NOT_SPECIFIED));
            }
        } catch (IOException e) {
            end = shutdownRequested ? "aborted: server shutting down" : "ended: " + e.getMessage();
        } catch (RuntimeException | Error e) {
            end = "aborted: internal error " + e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.log(Level.DEBUG, "internal error in association #" + id, e);
            abort(Abort.byProvider(Abort.REASON_NOT_SPECIFIED));
            if (e instanceof Error err && !(e instanceof StackOverflowError)) {
                throw err;
            }
        } finally {
            if (callerHeld != null) {
                limits.leaveCaller(callerHeld);
            }
            discardMessage();
            if (channel != null) {
                channel.closeQuietly();
            } else {
                closeSocket();
            }
            if (end != null) {
                boolean clean = end.startsWith("released");
                if (!clean) {
                    counters.aborted.increment();
                }
                String who = info != null ? info.toString() : "#" + id + " from " + address;
                LOG.log(clean ? Level.INFO : Level.WARNING, "association {0} {1} ({2,number,#} objects, {3} in {4})", who, end,
                        objects, megabytes(bytes), PduChannel.seconds((System.nanoTime() - started) / 1_000_000L));
            }
        }
    }

    // ------------------------------------------------------------------ negotiation

    private boolean negotiate() throws IOException {
        long artim = config.associationRequestTimeout().toMillis();
        Pdu first = channel.read(artim, artim, "A-ASSOCIATE-RQ");
        if (!(first instanceof AssociateRq rq)) {
            counters.rejected.increment();
            LOG.log(Level.WARNING, "connection #{0,number,#} from {1} sent a PDU of type {2,number,#} instead of an A-ASSOCIATE-RQ: "
                    + "aborted", id, address, first.type());
            abort(Abort.byProvider(Abort.REASON_UNEXPECTED_PDU));
            return false;
        }
        info = new AssociationInfo(id, rq.callingAeTitle(), rq.calledAeTitle(),
                (InetSocketAddress) socket.getRemoteSocketAddress(), rq.userInformation().implementationClassUid(),
                rq.userInformation().implementationVersionName());
        Negotiator.Decision decision = shutdownRequested
                ? new Negotiator.Reject(org.pleura.dicom.net.pdu.AssociateRj.TEMPORARY_CONGESTION, "server shutting down")
                : Negotiator.decide(rq, config);
        if (decision instanceof Negotiator.Reject reject) {
            counters.rejected.increment();
            channel.write(reject.rj());
            LOG.log(Level.WARNING, "association {0} rejected: {1}", info, reject.why());
            channel.closeGracefully(config.releaseTimeout().toMillis());
            return false;
        }
        if (!limits.enterCaller(rq.callingAeTitle())) {
            counters.rejected.increment();
            channel.write(org.pleura.dicom.net.pdu.AssociateRj.LOCAL_LIMIT_EXCEEDED);
            LOG.log(Level.WARNING, "association {0} rejected: calling AE title {1} already holds {2,number,#} associations",
                    info, rq.callingAeTitle(), limits.perCaller());
            channel.closeGracefully(config.releaseTimeout().toMillis());
            return false;
        }
        callerHeld = rq.callingAeTitle();
        Negotiator.Accept accept = (Negotiator.Accept) decision;
        contexts = accept.contexts();
        maxFragment = Dimse.maxFragment(rq.userInformation().maxPduLength(), config.maxPduLength());
        channel.write(accept.ac());
        established = true;
        counters.accepted.increment();
        LOG.log(Level.INFO, "association {0} accepted ({1}, {2,number,#} of {3,number,#} presentation contexts)", info,
                implementation(rq), contexts.size(), rq.presentationContexts().size());
        if (contexts.isEmpty()) {
            LOG.log(Level.WARNING, "association {0}: no proposed presentation context is acceptable ({1})", info,
                    describeProposals(rq));
        }
        return true;
    }

    private static String implementation(AssociateRq rq) {
        String v = rq.userInformation().implementationVersionName();
        return v.isEmpty() ? rq.userInformation().implementationClassUid() : v;
    }

    private static String describeProposals(AssociateRq rq) {
        StringBuilder sb = new StringBuilder();
        rq.presentationContexts().stream().limit(5).forEach(pc -> sb.append(sb.length() > 0 ? "; " : "")
                .append(UID.nameOf(pc.abstractSyntax()).orElse(pc.abstractSyntax())).append(" in ")
                .append(pc.transferSyntaxes().size()).append(" syntaxes"));
        return sb.toString();
    }

    // ------------------------------------------------------------------ messages

    /** Serves messages until the association ends; returns how it ended. */
    private String serve() throws IOException {
        long idle = config.idleTimeout().toMillis();
        long pduRead = config.pduReadTimeout().toMillis();
        boolean lastChance = false;
        while (true) {
            if (shutdownRequested && !busy) {
                if (lastChance) {
                    abort(Abort.byUser());
                    return "aborted: server shutting down";
                }
                lastChance = true; // the peer may release now that its last message was answered
            }
            long wait = lastChance ? Math.min(idle, SHUTDOWN_RELEASE_WAIT_MILLIS) : busy ? pduRead : idle;
            Pdu pdu;
            try {
                pdu = channel.read(wait, pduRead, busy ? "next fragment of the message" : "message");
            } catch (DicomTimeoutException e) {
                if (lastChance && !busy) {
                    abort(Abort.byUser());
                    return "aborted: server shutting down";
                }
                throw e;
            }
            if (lastChance && pdu instanceof PDataTf) {
                abort(Abort.byUser());
                return "aborted: server shutting down (a new message was refused)";
            }
            if (pdu instanceof PDataTf data) {
                for (Pdv v : data.values()) {
                    onPdv(v);
                }
            } else if (pdu instanceof ReleaseRq) {
                boolean incomplete = busy;
                discardMessage();
                channel.write(new ReleaseRp());
                channel.closeGracefully(config.releaseTimeout().toMillis());
                return incomplete ? "released in the middle of a message (incomplete object discarded)" : "released";
            } else if (pdu instanceof Abort a) {
                discardMessage();
                channel.closeQuietly();
                return "aborted by the peer (" + a.describe() + ")" + (busy ? ", incomplete object discarded" : "");
            } else {
                throw new DicomProtocolException("unexpected PDU of type " + pdu.type() + " on an established association");
            }
        }
    }

    private void onPdv(Pdv v) throws IOException {
        AcceptedContext pc = contexts.get(v.contextId());
        if (pc == null) {
            throw new DicomProtocolException("PDV on presentation context " + v.contextId() + ", which was not accepted");
        }
        if (v.command()) {
            if (dataContext != -1) {
                throw new DicomProtocolException("command fragment while a data set was expected");
            }
            if (commandContext != -1 && commandContext != v.contextId()) {
                throw new DicomProtocolException("command fragments on two presentation contexts");
            }
            busy = true;
            commandContext = v.contextId();
            if (commandBytes.size() + v.data().length > Dimse.MAX_COMMAND_LENGTH) {
                throw new DicomProtocolException("command set larger than " + Dimse.MAX_COMMAND_LENGTH + " bytes");
            }
            commandBytes.write(v.data());
            if (v.last()) {
                DicomObject command;
                try {
                    command = Dimse.decode(commandBytes.toByteArray());
                } catch (DicomException e) {
                    throw new DicomProtocolException("unreadable command set: " + e.getMessage());
                }
                commandBytes.reset();
                commandContext = -1;
                onCommand(pc, command);
            }
        } else {
            if (dataContext == -1) {
                throw new DicomProtocolException("data set fragment without a command announcing it");
            }
            if (v.contextId() != dataContext) {
                throw new DicomProtocolException("data set fragment on presentation context " + v.contextId()
                        + " after a command on context " + dataContext);
            }
            if (spool != null) {
                try {
                    spool.write(v.data());
                } catch (IOException e) {
                    spoolError = e;
                    discardedBytes = spool.size();
                    spool.discard();
                    spool = null;
                }
            } else {
                discardedBytes += v.data().length;
            }
            if (v.last()) {
                onDataSetComplete(pc);
            }
        }
    }

    private void onCommand(AcceptedContext pc, DicomObject command) throws IOException {
        int field;
        boolean withData;
        try {
            field = Dimse.commandField(command);
            withData = Dimse.hasDataSet(command);
        } catch (DicomException e) {
            throw new DicomProtocolException("command set without a valid Command Field: " + e.getMessage());
        }
        if (withData) {
            pendingCommand = command;
            dataContext = pc.id();
            if (field == Dimse.C_STORE_RQ) {
                prepareStore(pc, command);
            }
            return;
        }
        int messageId = command.getInt(Tag.MessageID, 0);
        String sopClass = command.getString(Tag.AffectedSOPClassUID, "");
        if (field == Dimse.C_ECHO_RQ) {
            respond(pc, Dimse.echoRsp(messageId, DimseStatus.SUCCESS));
            LOG.log(Level.DEBUG, "association {0}: C-ECHO answered", info);
        } else if (field == Dimse.C_STORE_RQ) {
            respond(pc, Dimse.storeRsp(messageId, sopClass, command.getString(Tag.AffectedSOPInstanceUID, ""),
                    DimseStatus.CANNOT_UNDERSTAND.withComment("C-STORE-RQ without a data set")));
            counters.failed.increment();
        } else if ((field & 0x8000) != 0 || field == 0x0FFF) {
            LOG.log(Level.DEBUG, "association {0}: ignored {1}", info, Dimse.name(field));
        } else {
            respond(pc, Dimse.failureRsp(field, messageId, sopClass, DimseStatus.UNRECOGNISED_OPERATION
                    .withComment(Dimse.name(field) + " is not supported by this node")));
            LOG.log(Level.INFO, "association {0}: {1} refused (not supported)", info, Dimse.name(field));
        }
        busy = false;
    }

    private void prepareStore(AcceptedContext pc, DicomObject command) {
        String sopClass = command.getString(Tag.AffectedSOPClassUID, "");
        String sopInstance = command.getString(Tag.AffectedSOPInstanceUID, "");
        if (sopClass.isEmpty() || sopInstance.isEmpty() || !sopClass.equals(pc.abstractSyntax())) {
            return; // refused when the data set is complete
        }
        try {
            DicomObject previous = DicomObject.builder()
                    .putString(Tag.MediaStorageSOPClassUID, VR.UI, sopClass)
                    .putString(Tag.MediaStorageSOPInstanceUID, VR.UI, sopInstance)
                    .putString(Tag.SourceApplicationEntityTitle, VR.AE, info.callingAeTitle())
                    .putString(Tag.SendingApplicationEntityTitle, VR.AE, info.callingAeTitle())
                    .putString(Tag.ReceivingApplicationEntityTitle, VR.AE, info.calledAeTitle())
                    .build();
            DicomObject meta = DicomWriter.fileMetaFor(previous, DicomObject.empty(), pc.transferSyntax());
            byte[] metaBytes = DicomWriter.encodeDataset(meta, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            byte[] header = new byte[132 + metaBytes.length];
            header[128] = 'D';
            header[129] = 'I';
            header[130] = 'C';
            header[131] = 'M';
            System.arraycopy(metaBytes, 0, header, 132, metaBytes.length);
            spool = new Part10Spool(meta, header, config.maxObjectSize(), config.memoryThreshold(),
                    config.tempDirectory());
        } catch (DicomException | IllegalArgumentException e) {
            spoolError = new DicomException("cannot build the file meta group: " + e.getMessage());
        }
    }

    private void onDataSetComplete(AcceptedContext pc) throws IOException {
        DicomObject command = pendingCommand;
        int field = command.getInt(Tag.CommandField, 0);
        int messageId = command.getInt(Tag.MessageID, 0);
        String sopClass = command.getString(Tag.AffectedSOPClassUID, "");
        String sopInstance = command.getString(Tag.AffectedSOPInstanceUID, "");
        DimseStatus status;
        if (field != Dimse.C_STORE_RQ) {
            status = DimseStatus.UNRECOGNISED_OPERATION.withComment(Dimse.name(field) + " is not supported by this node");
            respond(pc, Dimse.failureRsp(field, messageId, sopClass, status));
            LOG.log(Level.INFO, "association {0}: {1} refused (not supported)", info, Dimse.name(field));
        } else {
            status = store(pc, command, sopClass, sopInstance);
            respond(pc, Dimse.storeRsp(messageId, sopClass, sopInstance, status));
            if (status.isFailure()) {
                counters.failed.increment();
            } else {
                counters.stored.increment();
            }
        }
        pendingCommand = null;
        dataContext = -1;
        spool = null;
        spoolError = null;
        discardedBytes = 0;
        busy = false;
    }

    private DimseStatus store(AcceptedContext pc, DicomObject command, String sopClass, String sopInstance) {
        long size = spool != null ? spool.size() : discardedBytes;
        bytes += size;
        objects++;
        counters.bytes.add(size);
        String what = UID.nameOf(sopClass).orElse(sopClass) + " (" + megabytes(size) + ", " + pc.transferSyntax().name()
                + ")";
        DimseStatus status;
        if (sopClass.isEmpty() || sopInstance.isEmpty()) {
            status = DimseStatus.CANNOT_UNDERSTAND.withComment("C-STORE-RQ without Affected SOP Class or Instance UID");
        } else if (!sopClass.equals(pc.abstractSyntax())) {
            status = DimseStatus.SOP_CLASS_NOT_SUPPORTED.withComment("SOP class " + sopClass
                    + " sent on a context negotiated for " + pc.abstractSyntax());
        } else if (spoolError != null) {
            status = DimseStatus.OUT_OF_RESOURCES.withComment("cannot receive: " + spoolError.getMessage());
        } else if (spool == null) {
            status = DimseStatus.PROCESSING_FAILURE.withComment("data set not kept");
        } else if (spool.overflowed()) {
            status = DimseStatus.OUT_OF_RESOURCES.withComment("object larger than the " + megabytes(config.maxObjectSize())
                    + " limit");
        } else {
            status = callHandler(pc, command, sopClass, sopInstance);
        }
        Level level = status.isFailure() ? Level.WARNING : Level.DEBUG;
        LOG.log(level, "association {0}: C-STORE of {1}: {2}", info, what, status);
        return status;
    }

    private DimseStatus callHandler(AcceptedContext pc, DicomObject command, String sopClass, String sopInstance) {
        ReceivedObject object;
        try {
            object = spool.finish();
        } catch (IOException e) {
            spool.discard();
            return DimseStatus.OUT_OF_RESOURCES.withComment("cannot receive: " + e.getMessage());
        }
        try {
            StoreRequest request = new StoreRequest(info, command.getInt(Tag.MessageID, 0),
                    command.getInt(Tag.Priority, Dimse.PRIORITY_MEDIUM), sopClass, sopInstance, pc.transferSyntax(),
                    command.optString(Tag.MoveOriginatorApplicationEntityTitle), object);
            DimseStatus status = handler.store(request);
            return status != null ? status : DimseStatus.CANNOT_UNDERSTAND.withComment("the store handler gave no status");
        } catch (DicomException e) {
            return DimseStatus.CANNOT_UNDERSTAND.withComment("cannot understand: " + e.getMessage());
        } catch (IOException e) {
            return DimseStatus.OUT_OF_RESOURCES.withComment("cannot store: " + messageOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DimseStatus.OUT_OF_RESOURCES.withComment("interrupted: server shutting down");
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "store handler failed in association " + info, e);
            return DimseStatus.CANNOT_UNDERSTAND.withComment("cannot process: " + messageOf(e));
        } finally {
            object.discard();
        }
    }

    private static String messageOf(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private void respond(AcceptedContext pc, DicomObject response) throws IOException {
        Dimse.sendCommand(channel, pc.id(), response, maxFragment);
    }

    private void discardMessage() {
        if (spool != null) {
            spool.discard();
            spool = null;
        }
        pendingCommand = null;
        commandBytes.reset();
        commandContext = -1;
        dataContext = -1;
    }

    // ------------------------------------------------------------------ shutdown

    /** Asks the association to end: at once when idle, after the current message otherwise. */
    void requestShutdown() {
        shutdownRequested = true;
        PduChannel c = channel;
        if (!established || !busy) {
            if (c != null && established) {
                c.abort(Abort.byUser());
            } else {
                closeSocket();
            }
        }
    }

    /** Ends the association now, whatever it is doing. */
    void forceClose() {
        shutdownRequested = true;
        PduChannel c = channel;
        if (c != null && established) {
            c.abort(Abort.byUser());
        } else {
            closeSocket();
        }
    }

    private void abort(Abort abort) {
        if (channel != null) {
            channel.abort(abort);
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    static String megabytes(long bytes) {
        return bytes < 1 << 20 ? String.format("%.1f KB", bytes / 1024.0) : String.format("%.1f MB", bytes / 1048576.0);
    }

    Optional<AssociationInfo> info() {
        return Optional.ofNullable(info);
    }
}
