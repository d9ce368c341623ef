package org.pleura.server.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import org.pleura.dicom.net.DicomServer;
import org.pleura.dicom.net.DicomServerConfig;
import org.pleura.dicom.net.DimseStatus;
import org.pleura.dicom.net.ServerStats;
import org.pleura.dicom.net.StoreRequest;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.store.IncomingObject;
import org.pleura.server.store.Ingest;
import org.pleura.server.store.IngestOutcome;
import org.pleura.server.store.Origin;
import org.pleura.server.tls.TlsContexts;

/**
 * Pleura's DICOM node: C-ECHO and C-STORE for the digital X-ray, computed radiography and secondary capture
 * classes in every transfer syntax ingestion decodes. Each object goes through {@link Ingest}; the C-STORE
 * response is sent after it returns, so success means the object is on disk and recorded with its job.
 *
 * <p>Statuses: stored (or already stored) 0x0000; unreadable 0xC000; missing or mismatching identifiers 0xA900;
 * too large, disk at its floor, queue full or a storage failure 0xA700 (out of resources: send again later).
 */
public final class DicomListener implements AutoCloseable {

    private final DicomServer plain;
    private final DicomServer secure;

    private DicomListener(DicomServer plain, DicomServer secure) {
        this.plain = plain;
        this.secure = secure;
    }

    /**
     * Starts listening on the plain port only.
     *
     * @throws IOException when the port cannot be bound
     */
    public static DicomListener start(ServerConfig config, Ingest ingest, Path tempDirectory) throws IOException {
        return start(config, ingest, tempDirectory, Optional.empty());
    }

    /**
     * Starts listening on the plain port (unless it is off, -1) and, with TLS, on the DICOM TLS port (unless off).
     *
     * @throws IOException when a port cannot be bound
     */
    public static DicomListener start(ServerConfig config, Ingest ingest, Path tempDirectory,
                                      Optional<TlsContexts> tls) throws IOException {
        DicomServer plain = null;
        DicomServer secure = null;
        try {
            if (config.dicomPort() >= 0) {
                plain = DicomServer.start(settings(config, tempDirectory).port(config.dicomPort()).build(),
                        request -> store(ingest, request));
            }
            if (tls.isPresent() && config.security().dicomTlsPort() >= 0) {
                secure = DicomServer.start(settings(config, tempDirectory).port(config.security().dicomTlsPort())
                        .tls(tls.get().server(), tls.get().needClientCert()).build(), request -> store(ingest, request));
            }
        } catch (IOException | RuntimeException e) {
            if (plain != null) {
                plain.close();
            }
            throw e;
        }
        return new DicomListener(plain, secure);
    }

    private static DicomServerConfig.Builder settings(ServerConfig config, Path tempDirectory) {
        return DicomServerConfig.builder()
                .aeTitle(config.aeTitle())
                .port(config.dicomPort())
                .allowCallingAeTitles(config.allowedCallers())
                .maxAssociations(config.maxAssociations())
                .maxObjectSize(config.maxObjectBytes())
                .tempDirectory(tempDirectory)
                .maxAssociationsPerPeer(config.security().maxAssociationsPerCaller(),
                        config.security().maxAssociationsPerAddress())
                .associationRequestTimeout(config.security().associationRequestTimeout())
                .trustedAddresses(trusted(config.security().trustedAddresses()));
    }

    private static java.util.List<java.net.InetAddress> trusted(java.util.List<String> names) {
        java.util.List<java.net.InetAddress> out = new java.util.ArrayList<>();
        for (String n : names) {
            try {
                out.addAll(java.util.List.of(java.net.InetAddress.getAllByName(n)));
            } catch (java.net.UnknownHostException e) {
                throw new org.pleura.server.config.ConfigException("allow-address: unknown host '" + n + "'", e);
            }
        }
        return out;
    }

    static DimseStatus store(Ingest ingest, StoreRequest request) {
        IncomingObject object = new IncomingObject() {
            @Override
            public long size() {
                return request.object().part10Size();
            }

            @Override
            public InputStream open() throws IOException {
                return request.openPart10();
            }

            @Override
            public void saveTo(Path target) throws IOException {
                request.savePart10(target);
            }
        };
        IngestOutcome outcome = ingest.acceptDicom(object,
                new Origin(Origin.Channel.DIMSE, request.association().callingAeTitle()), request.sopInstanceUid());
        return status(outcome);
    }

    /** The C-STORE status of an ingestion outcome. */
    public static DimseStatus status(IngestOutcome outcome) {
        if (outcome.isStored()) {
            return DimseStatus.SUCCESS;
        }
        if (outcome instanceof IngestOutcome.Rejected r) {
            DimseStatus s = switch (r.reason()) {
                case UNREADABLE, UNSUPPORTED_TYPE -> DimseStatus.CANNOT_UNDERSTAND;
                case MISSING_IDENTIFIER, MISMATCH -> DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS;
                case TOO_LARGE -> DimseStatus.OUT_OF_RESOURCES;
            };
            return s.withComment(r.message());
        }
        return DimseStatus.OUT_OF_RESOURCES.withComment(((IngestOutcome.Unavailable) outcome).message());
    }

    /** The plain port listened on, or -1 when plain DICOM is off. */
    public int port() {
        return plain == null ? -1 : plain.port();
    }

    /** The DICOM TLS port listened on, or -1 when off. */
    public int tlsPort() {
        return secure == null ? -1 : secure.port();
    }

    /** Counters since start, both listeners together. */
    public ServerStats stats() {
        ServerStats a = plain == null ? new ServerStats(0, 0, 0, 0, 0, 0, 0) : plain.stats();
        ServerStats b = secure == null ? new ServerStats(0, 0, 0, 0, 0, 0, 0) : secure.stats();
        return new ServerStats(a.activeAssociations() + b.activeAssociations(),
                a.acceptedAssociations() + b.acceptedAssociations(), a.rejectedAssociations() + b.rejectedAssociations(),
                a.abortedAssociations() + b.abortedAssociations(), a.objectsStored() + b.objectsStored(),
                a.objectsFailed() + b.objectsFailed(), a.bytesReceived() + b.bytesReceived());
    }

    /** True while every listener started runs. */
    public boolean isRunning() {
        return (plain == null || plain.isRunning()) && (secure == null || secure.isRunning());
    }

    @Override
    public void close() {
        try {
            if (secure != null) {
                secure.close();
            }
        } finally {
            if (plain != null) {
                plain.close();
            }
        }
    }
}
