package org.pleura.server.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.pleura.dicom.net.DicomServer;
import org.pleura.dicom.net.DimseStatus;
import org.pleura.dicom.net.ServerStats;
import org.pleura.dicom.net.StoreRequest;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.store.IncomingObject;
import org.pleura.server.store.Ingest;
import org.pleura.server.store.IngestOutcome;
import org.pleura.server.store.Origin;

/**
 * Pleura's DICOM node: C-ECHO and C-STORE for the digital X-ray, computed radiography and secondary capture
 * classes in every transfer syntax ingestion decodes. Each object goes through {@link Ingest}; the C-STORE
 * response is sent after it returns, so success means the object is on disk and recorded with its job.
 *
 * <p>Statuses: stored (or already stored) 0x0000; unreadable 0xC000; missing or mismatching identifiers 0xA900;
 * too large, disk at its floor, queue full or a storage failure 0xA700 (out of resources: send again later).
 */
public final class DicomListener implements AutoCloseable {

    private final DicomServer server;

    private DicomListener(DicomServer server) {
        this.server = server;
    }

    /**
     * Starts listening.
     *
     * @throws IOException when the port cannot be bound
     */
    public static DicomListener start(ServerConfig config, Ingest ingest, Path tempDirectory) throws IOException {
        org.pleura.dicom.net.ServerConfig net = org.pleura.dicom.net.ServerConfig.builder()
                .aeTitle(config.aeTitle())
                .port(config.dicomPort())
                .allowCallingAeTitles(config.allowedCallers())
                .maxAssociations(config.maxAssociations())
                .maxObjectSize(config.maxObjectBytes())
                .tempDirectory(tempDirectory)
                .maxAssociationsPerPeer(config.security().maxAssociationsPerCaller(),
                        config.security().maxAssociationsPerAddress())
                .associationRequestTimeout(config.security().associationRequestTimeout())
                .build();
        return new DicomListener(DicomServer.start(net, request -> store(ingest, request)));
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

    /** The port listened on. */
    public int port() {
        return server.port();
    }

    /** Counters since start. */
    public ServerStats stats() {
        return server.stats();
    }

    /** True while listening. */
    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public void close() {
        server.close();
    }
}
