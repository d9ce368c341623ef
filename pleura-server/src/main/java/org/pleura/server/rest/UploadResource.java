package org.pleura.server.rest;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pleura.server.auth.Access;
import org.pleura.server.http.Formats;
import org.pleura.server.http.IngestResponses;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.RouteTable;
import org.pleura.server.http.UploadGate;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.IncomingObject;
import org.pleura.server.store.Ingest;
import org.pleura.server.store.IngestOutcome;
import org.pleura.server.store.Origin;
import org.pleura.server.store.StoredInstance;

/**
 * {@code POST /api/images}: one DICOM Part 10 file, PNG or JPEG picture per request, recognised by its first bytes;
 * 202 with the new instance's UIDs and links, 200 when it was already stored, a problem document otherwise.
 */
final class UploadResource {

    private final Ingest ingest;
    private final DataDirectory dir;
    private final UploadGate gate;

    UploadResource(Ingest ingest, DataDirectory dir, UploadGate gate) {
        this.ingest = ingest;
        this.dir = dir;
        this.gate = gate;
    }

    void register(RouteTable routes) {
        routes.post("/api/images", Access.STORE, this::upload);
    }

    private void upload(Context ctx) throws IOException {
        try (UploadGate.Slot slot = gate.enter(ctx, ingest.maxObjectBytes())) {
            ingest.admission().ifPresent(u -> {
                throw IngestResponses.problem(u);
            });
            Optional<Path> received;
            try {
                received = dir.receive(slot.body(ctx.bodyInputStream()), ingest.maxObjectBytes(), ".upload");
            } catch (UploadGate.TooSlowException e) {
                throw e.problem();
            } catch (IOException e) {
                throw ProblemException.badRequest("the upload was interrupted: " + e.getMessage());
            }
            if (received.isEmpty()) {
                throw new ProblemException(413, "too-large", "upload larger than the maximum of "
                        + ingest.maxObjectBytes() + " bytes");
            }
            Path tmp = received.get();
            String type = Formats.sniff(tmp);
            if (type == null) {
                Files.deleteIfExists(tmp);
                throw new ProblemException(415, "unsupported-type", "the upload is neither a DICOM Part 10 file, a PNG "
                        + "nor a JPEG picture");
            }
            Origin origin = new Origin(Origin.Channel.UPLOAD, ctx.ip());
            IncomingObject object = IncomingObject.ofTempFile(tmp);
            IngestOutcome outcome = type.equals(Formats.DICOM) ? ingest.acceptDicom(object, origin, null)
                    : ingest.acceptPicture(object, type, origin);
            if (outcome instanceof IngestOutcome.Stored s) {
                ctx.status(202).json(accepted(s.instance(), "queued"));
            } else if (outcome instanceof IngestOutcome.AlreadyStored s) {
                ctx.status(200).json(accepted(s.instance(), "already stored"));
            } else {
                throw IngestResponses.problem(outcome);
            }
        }
    }

    private static Map<String, Object> accepted(StoredInstance s, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("sopInstanceUid", s.sopUid());
        m.put("seriesInstanceUid", s.seriesUid());
        m.put("studyInstanceUid", s.studyUid());
        m.put("job", s.jobPk() == 0 ? null : s.jobPk());
        m.put("links", Views.instanceLinks(s.sopUid()));
        return m;
    }
}
