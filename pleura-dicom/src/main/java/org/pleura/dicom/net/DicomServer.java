package org.pleura.dicom.net;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.pleura.dicom.net.pdu.AssociateRj;
import org.pleura.dicom.net.pdu.AssociateRq;
import org.pleura.dicom.net.pdu.Pdu;

/**
 * A DICOM node (SCP): listens on a port, negotiates associations, answers C-ECHO and hands every object received
 * by C-STORE to a {@link StoreHandler}, sending the response only once the handler has returned.
 *
 * <pre>{@code
 * try (DicomServer server = DicomServer.start(DicomServerConfig.builder().aeTitle("PLEURA").port(11112).build(),
 *         request -> { request.savePart10(inbox.resolve(request.sopInstanceUid() + ".dcm"));
 *                      return DimseStatus.SUCCESS; })) {
 *     ...                      // serving until closed
 * }
 * }</pre>
 *
 * <p>Robustness: each association runs on its own thread, at most {@link DicomServerConfig#maxAssociations()} at once
 * (more get a transient A-ASSOCIATE-RJ, "local limit exceeded"); every read and write has a deadline; a peer that
 * sends garbage, stays silent, aborts, or whose handler call throws only ends its own association. Association
 * events are logged (logger {@code org.pleura.dicom.net}) with AE titles and addresses, never patient data.
 *
 * <p>{@link #close()} stops accepting, lets associations finish the message in progress (up to {@link
 * DicomServerConfig#shutdownGrace()}), aborts idle ones, then returns.
 */
public final class DicomServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("org.pleura.dicom.net");
    /** Extra connections over the limit that get a proper A-ASSOCIATE-RJ; beyond that they are just closed. */
    private static final int MAX_PENDING_REJECTIONS = 8;

    private final DicomServerConfig config;
    private final StoreHandler handler;
    private final ServerSocket serverSocket;
    private final Thread acceptor;
    private final ExecutorService workers;
    private final Semaphore slots;
    private final Semaphore reserved;
    private final Semaphore rejectionSlots = new Semaphore(MAX_PENDING_REJECTIONS);
    private final Set<ServerAssociation> active = ConcurrentHashMap.newKeySet();
    /** Notified each time an association ends. */
    private final Object ended = new Object();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ids = new AtomicLong();
    private final Counters counters = new Counters();
    private final PeerLimits limits;

    /** Counters shared with the associations. */
    static final class Counters {
        final LongAdder accepted = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder aborted = new LongAdder();
        final LongAdder stored = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder bytes = new LongAdder();
    }

    private DicomServer(DicomServerConfig config, StoreHandler handler, ServerSocket serverSocket) {
        this.config = config;
        this.handler = handler;
        this.serverSocket = serverSocket;
        this.slots = new Semaphore(config.maxAssociations());
        this.reserved = new Semaphore(config.reservedAssociations());
        this.limits = new PeerLimits(config.maxAssociationsPerCaller(), config.maxAssociationsPerAddress());
        AtomicLong threads = new AtomicLong();
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "dicom-association-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "dicom-listener-" + serverSocket.getLocalPort());
    }

    /**
     * Binds the port and starts serving.
     *
     * @throws IOException when the port cannot be bound (in use, no permission), with the port in the message
     */
    public static DicomServer start(DicomServerConfig config, StoreHandler handler) throws IOException {
        Objects.requireNonNull(config);
        Objects.requireNonNull(handler);
        ServerSocket ss;
        if (config.tls().isPresent()) {
            javax.net.ssl.SSLServerSocket tls = (javax.net.ssl.SSLServerSocket) config.tls().get()
                    .getServerSocketFactory().createServerSocket();
            tls.setEnabledProtocols(TlsProfile.protocols(tls.getSupportedProtocols()));
            tls.setEnabledCipherSuites(TlsProfile.cipherSuites(tls.getSupportedCipherSuites()));
            tls.setNeedClientAuth(config.tlsNeedClientAuth());
            ss = tls;
        } else {
            ss = new ServerSocket();
        }
        try {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(config.bindAddress().orElse(null), config.port()), 64);
        } catch (IOException e) {
            ss.close();
            throw new IOException("cannot listen for DICOM on port " + config.port() + ": " + e.getMessage()
                    + " (is another DICOM node using it?)", e);
        }
        DicomServer server = new DicomServer(config, handler, ss);
        server.acceptor.start();
        LOG.log(Level.INFO, "DICOM node {0} listening on port {1,number,#}{6} ({2,number,#} SOP classes, {3,number,#} transfer syntaxes, "
                        + "up to {4,number,#} associations{5})", config.aeTitle(), server.port(), config.sopClasses().size(),
                config.transferSyntaxes().size(), config.maxAssociations(),
                config.allowedCallingAeTitles().isEmpty() ? ", any calling AE title"
                        : ", calling AE titles " + config.allowedCallingAeTitles(),
                config.tls().isEmpty() ? "" : " with TLS" + (config.tlsNeedClientAuth() ? " (client certificates required)"
                        : ""));
        return server;
    }

    /** The port listened on (the actual one when the configuration asked for 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The configuration served. */
    public DicomServerConfig config() {
        return config;
    }

    /** True until {@link #close()} is called. */
    public boolean isRunning() {
        return running.get();
    }

    /** Counters since start. */
    public ServerStats stats() {
        return new ServerStats(active.size(), counters.accepted.sum(), counters.rejected.sum(), counters.aborted.sum(),
                counters.stored.sum(), counters.failed.sum(), counters.bytes.sum());
    }

    /**
     * Blocks until at most {@code n} associations are active (woken each time one ends, slot released), or the
     * timeout passed.
     *
     * @return false on timeout
     */
    public boolean awaitActiveAtMost(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (ended) {
            while (active.size() > n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(ended, left);
            }
        }
        return true;
    }

    private void associationEnded() {
        synchronized (ended) {
            ended.notifyAll();
        }
    }

    private void acceptLoop() {
        while (running.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!running.get()) {
                    break;
                }
                LOG.log(Level.WARNING, "DICOM listener on port {0,number,#}: accept failed: {1}", port(), e.getMessage());
                pause();
                continue;
            }
            try {
                dispatch(socket);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "DICOM listener: cannot serve a connection: {0}", e.toString());
                closeQuietly(socket);
            }
        }
    }

    private void dispatch(Socket socket) {
        long id = ids.incrementAndGet();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
        } catch (IOException e) {
            closeQuietly(socket);
            return;
        }
        java.net.InetAddress peer = socket.getInetAddress();
        boolean trusted = config.trustedAddresses().contains(peer);
        boolean addressOk = running.get() && (trusted || limits.enterAddress(peer));
        Semaphore slot = !addressOk ? null : slots.tryAcquire() ? slots : trusted && reserved.tryAcquire() ? reserved
                : null;
        if (!running.get()) {
            closeQuietly(socket);
        } else if (slot != null) {
            ServerAssociation association = new ServerAssociation(socket, id, config, handler, counters,
                    trusted ? PeerLimits.NONE : limits);
            active.add(association);
            try {
                workers.execute(() -> {
                    try {
                        association.run();
                    } finally {
                        active.remove(association);
                        slot.release();
                        if (!trusted) {
                            limits.leaveAddress(peer);
                        }
                        associationEnded();
                    }
                });
            } catch (RuntimeException e) {
                active.remove(association);
                slot.release();
                if (!trusted) {
                    limits.leaveAddress(peer);
                }
                associationEnded();
                throw e;
            }
        } else if (rejectionSlots.tryAcquire()) {
            if (addressOk && !trusted) {
                limits.leaveAddress(peer);
            }
            String limit = addressOk ? "local limit of " + config.maxAssociations() + " simultaneous associations"
                    : "limit of " + config.maxAssociationsPerAddress() + " connections from one address";
            try {
                workers.execute(() -> {
                    try {
                        rejectOverLimit(socket, id, limit);
                    } finally {
                        rejectionSlots.release();
                    }
                });
            } catch (RuntimeException e) {
                rejectionSlots.release();
                throw e;
            }
        } else {
            if (addressOk && !trusted) {
                limits.leaveAddress(peer);
            }
            counters.rejected.increment();
            LOG.log(Level.WARNING, "connection #{0,number,#} from {1} dropped: {2,number,#} associations and {3,number,#} rejections in progress",
                    id, String.valueOf(socket.getInetAddress().getHostAddress()), config.maxAssociations(),
                    MAX_PENDING_REJECTIONS);
            closeQuietly(socket);
        }
    }

    /** Reads the request of a connection over the limit and rejects it (transient, local limit exceeded). */
    private void rejectOverLimit(Socket socket, long id, String limit) {
        counters.rejected.increment();
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        String address = remote.getAddress().getHostAddress() + ":" + remote.getPort();
        try (PduChannel channel = new PduChannel(socket, address, config.maxPduLength(),
                config.writeTimeout().toMillis())) {
            long artim = Math.min(config.associationRequestTimeout().toMillis(), 5000);
            Pdu pdu = channel.read(artim, artim, "A-ASSOCIATE-RQ");
            if (pdu instanceof AssociateRq rq) {
                channel.write(AssociateRj.LOCAL_LIMIT_EXCEEDED);
                LOG.log(Level.WARNING, "association #{0,number,#} {1}@{2} -> {3} rejected: {4} reached", id,
                        rq.callingAeTitle(), address, rq.calledAeTitle(), limit);
                channel.closeGracefully(config.releaseTimeout().toMillis());
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "connection #{0,number,#} from {1} over the association limit closed: {2}", id, address,
                    e.getMessage());
        }
    }

    /**
     * Stops: no new connection is accepted, idle associations are aborted, associations in the middle of a
     * message finish it (response included) within the shutdown grace period, then the rest are aborted.
     */
    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        closeQuietly(serverSocket);
        try {
            acceptor.join(5000);
            for (ServerAssociation a : active) {
                a.requestShutdown();
            }
            workers.shutdown();
            if (!workers.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, "DICOM node {0}: {1,number,#} associations still busy after {2}: aborting them",
                        config.aeTitle(), active.size(), config.shutdownGrace());
                for (ServerAssociation a : active) {
                    a.forceClose();
                }
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (ServerAssociation a : active) {
                a.forceClose();
            }
            workers.shutdownNow();
        }
        ServerStats s = stats();
        LOG.log(Level.INFO, "DICOM node {0} on port {1,number,#} stopped ({2,number,#} associations, {3,number,#} objects stored, {4,number,#} refused)",
                config.aeTitle(), serverSocket.getLocalPort(), s.acceptedAssociations(), s.objectsStored(),
                s.objectsFailed());
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
