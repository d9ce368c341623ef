package org.pleura.server.dicomweb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.dicom.VR;
import org.pleura.server.auth.Access;
import org.pleura.server.http.IngestResponses;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.RouteTable;
import org.pleura.server.http.UploadGate;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.IncomingObject;
import org.pleura.server.store.Ingest;
import org.pleura.server.store.IngestOutcome;
import org.pleura.server.store.InstanceAttributes;
import org.pleura.server.store.Origin;

/**
 * STOW-RS: {@code POST /dicomweb/studies[/{study}]} takes a {@code multipart/related; type="application/dicom"}
 * body, one Part 10 object per part; each is stored like a C-STORE. The answer lists stored objects in Referenced
 * SOP Sequence and the others in Failed SOP Sequence with a Failure Reason; 200 when all were stored, 202 when
 * some, 409 when none (503 when the server is full). Parts received before a broken or interrupted one are kept.
 */
final class StowRs {

    /** A body may declare up to this many times the largest object accepted (413 at the headers above). */
    static final long STOW_MAX_OBJECTS = 16;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Tag RETRIEVE_URL = Tag.of(0x0008, 0x1190);
    private static final Tag FAILURE_REASON = Tag.of(0x0008, 0x1197);
    private static final Tag FAILED_SOP_SEQUENCE = Tag.of(0x0008, 0x1198);
    private static final Tag REFERENCED_SOP_SEQUENCE = Tag.of(0x0008, 0x1199);

    private final Ingest ingest;
    private final DataDirectory dir;
    private final UploadGate uploads;
    private final RetrieveUrls urls;

    StowRs(Ingest ingest, DataDirectory dir, UploadGate uploads, RetrieveUrls urls) {
        this.ingest = ingest;
        this.dir = dir;
        this.uploads = uploads;
        this.urls = urls;
    }

    void register(RouteTable routes) {
        routes.post("/dicomweb/studies", Access.STORE, ctx -> stow(ctx, null))
                .post("/dicomweb/studies/{study}", Access.STORE, ctx -> stow(ctx, ctx.pathParam("study")));
    }

    private void stow(Context ctx, String study) throws IOException {
        MediaTypes.MediaType type = MediaTypes.parse(ctx.header("Content-Type"));
        if (!type.type().equals("multipart/related")) {
            throw new ProblemException(415, "unsupported-type", "STOW-RS takes multipart/related; "
                    + "type=\"application/dicom\" bodies, got '" + type.type() + "'");
        }
        String partType = type.parameter("type").toLowerCase(java.util.Locale.ROOT);
        if (!partType.isEmpty() && !partType.equals("application/dicom")) {
            throw new ProblemException(415, "unsupported-type", "Pleura stores application/dicom parts only, got type=\""
                    + partType + "\"");
        }
        String boundary = type.parameter("boundary");
        if (boundary.isEmpty()) {
            throw ProblemException.badRequest("the multipart/related Content-Type has no boundary");
        }
        try (UploadGate.Slot slot = uploads.enter(ctx, STOW_MAX_OBJECTS * ingest.maxObjectBytes())) {
            ingest.admission().ifPresent(u -> {
                throw IngestResponses.problem(u);
            });
            ObjectNode response = F.objectNode();
            ArrayNode stored = F.arrayNode();
            ArrayNode failed = F.arrayNode();
            boolean allUnavailable = true;
            MultipartReader parts;
            try {
                parts = new MultipartReader(slot.body(ctx.bodyInputStream()), boundary);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest(e.getMessage());
            }
            Origin origin = new Origin(Origin.Channel.STOW, ctx.ip());
            try {
                Map<String, String> headers;
                while ((headers = parts.nextPart()) != null) {
                    Failure f = storePart(ctx, parts, headers, study, origin, stored);
                    if (f != null) {
                        failed.add(f.item());
                        allUnavailable &= f.unavailable();
                    }
                }
            } catch (UploadGate.TooSlowException e) {
                throw e.problem();
            } catch (MultipartReader.MultipartException e) {
                if (stored.isEmpty()) {
                    throw ProblemException.badRequest("malformed multipart body: " + e.getMessage());
                }
                failed.add(failure("", "", 0xC000, false).item());
            } catch (IOException e) {
                if (stored.isEmpty()) {
                    throw ProblemException.badRequest("the upload was interrupted: " + e.getMessage());
                }
            }
            if (study != null) {
                DicomJson.put(response, RETRIEVE_URL, VR.UR, urls.base(ctx) + "/dicomweb/studies/" + study);
            }
            if (!failed.isEmpty()) {
                ObjectNode seq = response.putObject(DicomJson.key(FAILED_SOP_SEQUENCE));
                seq.put("vr", "SQ");
                seq.set("Value", failed);
            }
            if (!stored.isEmpty()) {
                ObjectNode seq = response.putObject(DicomJson.key(REFERENCED_SOP_SEQUENCE));
                seq.put("vr", "SQ");
                seq.set("Value", stored);
            }
            int status = failed.isEmpty() ? 200 : stored.isEmpty() ? (allUnavailable ? 503 : 409) : 202;
            if (stored.isEmpty() && failed.isEmpty()) {
                throw ProblemException.badRequest("the multipart body holds no part");
            }
            if (status == 503) {
                ctx.header("Retry-After", "30");
            }
            ctx.status(status);
            DicomJson.send(ctx, response);
        }
    }

    private record Failure(ObjectNode item, boolean unavailable) {
    }

    private Failure storePart(Context ctx, MultipartReader parts, Map<String, String> headers, String study,
                              Origin origin, ArrayNode stored) throws IOException {
        String ct = MediaTypes.parse(headers.get("content-type")).type();
        if (!ct.isEmpty() && !ct.equals("application/dicom")) {
            parts.copyBody(OutputStream.nullOutputStream(), Long.MAX_VALUE);
            return failure("", "", 0xC000, false);
        }
        Path tmp = dir.newTempFile(".stow");
        try {
            long n;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                n = parts.copyBody(out, ingest.maxObjectBytes());
            }
            if (n < 0) {
                return failure("", "", 0xA700, false);
            }
            DicomFile header;
            try (InputStream in = Files.newInputStream(tmp)) {
                header = DicomReader.read(in, ReadOptions.HEADER_ONLY);
            } catch (DicomException e) {
                return failure("", "", 0xC000, false);
            }
            InstanceAttributes a = InstanceAttributes.of(header.dataset(), header.transferSyntax().uid());
            if (study != null && !study.equals(a.studyUid())) {
                return failure(a.sopClassUid(), a.sopUid(), 0xA900, false);
            }
            IngestOutcome outcome = ingest.acceptDicom(IncomingObject.ofTempFile(tmp), origin, null);
            if (outcome.isStored()) {
                ObjectNode item = F.objectNode();
                DicomJson.put(item, Tag.ReferencedSOPClassUID, VR.UI, a.sopClassUid());
                DicomJson.put(item, Tag.ReferencedSOPInstanceUID, VR.UI, a.sopUid());
                DicomJson.put(item, RETRIEVE_URL, VR.UR, urls.instance(ctx, a.studyUid(), a.seriesUid(), a.sopUid()));
                stored.add(item);
                return null;
            }
            if (outcome instanceof IngestOutcome.Unavailable) {
                return failure(a.sopClassUid(), a.sopUid(), 0xA700, true);
            }
            IngestOutcome.Rejected r = (IngestOutcome.Rejected) outcome;
            int reason = switch (r.reason()) {
                case TOO_LARGE -> 0xA700;
                case MISSING_IDENTIFIER, MISMATCH -> 0xA900;
                default -> 0xC000;
            };
            return failure(a.sopClassUid(), a.sopUid(), reason, false);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Failure failure(String sopClass, String sopUid, int reason, boolean unavailable) {
        ObjectNode item = F.objectNode();
        DicomJson.put(item, Tag.ReferencedSOPClassUID, VR.UI, sopClass);
        DicomJson.put(item, Tag.ReferencedSOPInstanceUID, VR.UI, sopUid);
        ObjectNode fr = item.putObject(DicomJson.key(FAILURE_REASON));
        fr.put("vr", "US");
        fr.putArray("Value").add(reason);
        return new Failure(item, unavailable);
    }
}
