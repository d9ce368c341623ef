package org.pleura.server.dicomweb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.dicom.VR;
import org.pleura.server.http.Access;
import org.pleura.server.http.IngestResponses;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.RouteTable;
import org.pleura.server.http.PublicBase;
import org.pleura.server.http.UploadGate;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.IncomingObject;
import org.pleura.server.store.Ingest;
import org.pleura.server.store.IngestOutcome;
import org.pleura.server.store.InstanceAttributes;
import org.pleura.server.store.Origin;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;
import org.pleura.server.store.StudyQuery;

/**
 * STOW-RS, WADO-RS and QIDO-RS.
 *
 * <ul>
 *   <li>{@code POST /dicomweb/studies[/{study}]}: a {@code multipart/related; type="application/dicom"} body, one
 *       Part 10 object per part; each is stored like a C-STORE. The answer lists stored objects in Referenced SOP
 *       Sequence and the others in Failed SOP Sequence with a Failure Reason; 200 when all were stored, 202 when
 *       some, 409 when none (503 when the server is full).</li>
 *   <li>{@code GET /dicomweb/studies/{study}[/series/{series}[/instances/{instance}]]}: the objects as
 *       {@code multipart/related; type="application/dicom"}, in the transfer syntax they were received in (an
 *       Accept asking for another transfer syntax gets 406: Pleura does not transcode); {@code .../metadata}: DICOM
 *       JSON.</li>
 *   <li>{@code GET /dicomweb/studies}, {@code .../{study}/series}, {@code .../{series}/instances}: searches, by
 *       PatientID, StudyDate (date or range), AccessionNumber and StudyInstanceUID for studies; {@code limit},
 *       {@code offset}.</li>
 * </ul>
 */
public final class DicomWebApi {

    /** Media type of DICOM JSON. */
    public static final String DICOM_JSON = "application/dicom+json";

    /** A STOW-RS body may declare up to this many times the largest object accepted (413 at the headers above). */
    static final long STOW_MAX_OBJECTS = 16;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Tag RETRIEVE_URL = Tag.of(0x0008, 0x1190);
    private static final Tag FAILURE_REASON = Tag.of(0x0008, 0x1197);
    private static final Tag FAILED_SOP_SEQUENCE = Tag.of(0x0008, 0x1198);
    private static final Tag REFERENCED_SOP_SEQUENCE = Tag.of(0x0008, 0x1199);
    private static final Tag STUDY_UID = Tag.of(0x0020, 0x000D);
    private static final Tag SERIES_UID = Tag.of(0x0020, 0x000E);
    private static final Tag STUDY_ID = Tag.of(0x0020, 0x0010);
    private static final Tag SERIES_NUMBER = Tag.of(0x0020, 0x0011);
    private static final Tag INSTANCE_NUMBER = Tag.of(0x0020, 0x0013);
    private static final Tag STUDY_SERIES = Tag.of(0x0020, 0x1206);
    private static final Tag STUDY_INSTANCES = Tag.of(0x0020, 0x1208);
    private static final Tag SERIES_INSTANCES = Tag.of(0x0020, 0x1209);
    private static final Tag ROWS = Tag.of(0x0028, 0x0010);
    private static final Tag COLUMNS = Tag.of(0x0028, 0x0011);
    private static final Tag AVAILABLE_TRANSFER_SYNTAX = Tag.of(0x0008, 0x3002);

    private final Ingest ingest;
    private final Queries queries;
    private final DataDirectory dir;
    private final UploadGate uploads;
    private final PublicBase publicBase;

    public DicomWebApi(Ingest ingest, Queries queries, DataDirectory dir, UploadGate uploads, PublicBase publicBase) {
        this.ingest = ingest;
        this.queries = queries;
        this.dir = dir;
        this.uploads = uploads;
        this.publicBase = publicBase;
    }

    /** Registers the routes. */
    public void register(RouteTable routes) {
        routes.post("/dicomweb/studies", Access.STORE, ctx -> stow(ctx, null))
                .post("/dicomweb/studies/{study}", Access.STORE, ctx -> stow(ctx, ctx.pathParam("study")))
                .get("/dicomweb/studies", Access.READ, this::searchStudies)
                .get("/dicomweb/studies/{study}", Access.READ, this::retrieveStudy)
                .get("/dicomweb/studies/{study}/metadata", Access.READ, this::studyMetadata)
                .get("/dicomweb/studies/{study}/series", Access.READ, this::searchSeries)
                .get("/dicomweb/studies/{study}/series/{series}", Access.READ, this::retrieveSeries)
                .get("/dicomweb/studies/{study}/series/{series}/metadata", Access.READ, this::seriesMetadata)
                .get("/dicomweb/studies/{study}/series/{series}/instances", Access.READ, this::searchInstances)
                .get("/dicomweb/studies/{study}/series/{series}/instances/{instance}", Access.READ,
                        this::retrieveInstance)
                .get("/dicomweb/studies/{study}/series/{series}/instances/{instance}/metadata", Access.READ,
                        this::instanceMetadata);
    }

    // ---------------------------------------------------------------- STOW-RS

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
                DicomJson.put(response, RETRIEVE_URL, VR.UR, base(ctx) + "/dicomweb/studies/" + study);
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
            ctx.status(status).contentType(DICOM_JSON).result(MAPPER.writeValueAsBytes(response));
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
                DicomJson.put(item, RETRIEVE_URL, VR.UR, instanceUrl(ctx, a.studyUid(), a.seriesUid(), a.sopUid()));
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

    // ---------------------------------------------------------------- WADO-RS

    private void retrieveStudy(Context ctx) throws IOException {
        String study = ctx.pathParam("study");
        List<Rows.Instance> all = dicomOnly(queries.instancesOfStudy(study));
        if (all.isEmpty()) {
            throw ProblemException.notFound("no DICOM instances in study " + study);
        }
        sendMultipart(ctx, all);
    }

    private void retrieveSeries(Context ctx) throws IOException {
        sendMultipart(ctx, seriesInstances(ctx));
    }

    private void retrieveInstance(Context ctx) throws IOException {
        sendMultipart(ctx, List.of(instanceAt(ctx)));
    }

    private void studyMetadata(Context ctx) throws IOException {
        String study = ctx.pathParam("study");
        List<Rows.Instance> all = dicomOnly(queries.instancesOfStudy(study));
        if (all.isEmpty()) {
            throw ProblemException.notFound("no DICOM instances in study " + study);
        }
        sendMetadata(ctx, all);
    }

    private void seriesMetadata(Context ctx) throws IOException {
        sendMetadata(ctx, seriesInstances(ctx));
    }

    private void instanceMetadata(Context ctx) throws IOException {
        sendMetadata(ctx, List.of(instanceAt(ctx)));
    }

    private List<Rows.Instance> seriesInstances(Context ctx) {
        String study = ctx.pathParam("study");
        String series = ctx.pathParam("series");
        Rows.Series se = queries.series(series).filter(s -> s.studyUid().equals(study))
                .orElseThrow(() -> ProblemException.notFound("no series " + series + " in study " + study));
        List<Rows.Instance> all = dicomOnly(queries.instancesOfSeries(se.seriesUid()));
        if (all.isEmpty()) {
            throw ProblemException.notFound("no DICOM instances in series " + series);
        }
        return all;
    }

    private Rows.Instance instanceAt(Context ctx) {
        String study = ctx.pathParam("study");
        String series = ctx.pathParam("series");
        String uid = ctx.pathParam("instance");
        Rows.Instance i = queries.instance(uid)
                .filter(x -> x.studyUid().equals(study) && x.seriesUid().equals(series))
                .orElseThrow(() -> ProblemException.notFound("no instance " + uid + " in series " + series
                        + " of study " + study));
        if (!i.contentType().equals(Ingest.DICOM)) {
            throw ProblemException.notFound("instance " + uid + " was uploaded as " + i.contentType()
                    + ", not DICOM; get it from /api/instances/" + uid + "/file");
        }
        return i;
    }

    private static List<Rows.Instance> dicomOnly(List<Rows.Instance> l) {
        return l.stream().filter(i -> i.contentType().equals(Ingest.DICOM)).toList();
    }

    private void sendMultipart(Context ctx, List<Rows.Instance> instances) throws IOException {
        checkAccept(ctx, instances);
        for (Rows.Instance i : instances) {
            if (!Files.isRegularFile(dir.resolve(i.filePath()))) {
                throw ProblemException.notFound("the file of instance " + i.sopUid() + " is missing from the data "
                        + "directory");
            }
        }
        String boundary = "pleura-" + UUID.randomUUID();
        ctx.status(200);
        ctx.contentType("multipart/related; type=\"application/dicom\"; boundary=" + boundary);
        OutputStream out = ctx.outputStream();
        for (Rows.Instance i : instances) {
            Path p = dir.resolve(i.filePath());
            long size = Files.size(p);
            out.write(("--" + boundary + "\r\nContent-Type: application/dicom; transfer-syntax="
                    + i.transferSyntaxUid() + "\r\nContent-Length: " + size + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Files.copy(p, out);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Accepts no Accept header, {@code *}/{@code *}, {@code multipart/related} with type application/dicom (or
     * none) and a transfer-syntax that is {@code *}, absent, or the stored one of every instance.
     */
    private static void checkAccept(Context ctx, List<Rows.Instance> instances) {
        List<MediaTypes.MediaType> ranges = MediaTypes.accept(ctx.header("Accept"));
        if (ranges.isEmpty()) {
            return;
        }
        for (MediaTypes.MediaType r : ranges) {
            if (r.type().equals("*/*") || r.type().equals("multipart/*")) {
                return;
            }
            if (!r.type().equals("multipart/related")) {
                continue;
            }
            String t = r.parameter("type");
            if (!t.isEmpty() && !t.equalsIgnoreCase("application/dicom")) {
                continue;
            }
            String ts = r.parameter("transfer-syntax");
            if (ts.isEmpty() || ts.equals("*")
                    || instances.stream().allMatch(i -> i.transferSyntaxUid().equals(ts))) {
                return;
            }
        }
        throw new ProblemException(406, "not-acceptable", "Pleura returns instances as "
                + "multipart/related; type=\"application/dicom\" in the transfer syntax they were received in ("
                + String.join(", ", instances.stream().map(Rows.Instance::transferSyntaxUid).distinct().toList())
                + "); it does not transcode. Accept transfer-syntax=* or that syntax.");
    }

    private void sendMetadata(Context ctx, List<Rows.Instance> instances) throws IOException {
        ArrayNode out = F.arrayNode();
        for (Rows.Instance i : instances) {
            DicomFile f;
            try {
                f = DicomReader.read(dir.resolve(i.filePath()), ReadOptions.HEADER_ONLY);
            } catch (DicomException e) {
                continue;
            }
            ObjectNode json = DicomJson.of(f.dataset());
            DicomJson.put(json, RETRIEVE_URL, VR.UR, instanceUrl(ctx, i.studyUid(), i.seriesUid(), i.sopUid()));
            out.add(json);
        }
        ctx.contentType(DICOM_JSON).result(MAPPER.writeValueAsBytes(out));
    }

    // ---------------------------------------------------------------- QIDO-RS

    private void searchStudies(Context ctx) throws IOException {
        String[] dates;
        StudyQuery q;
        try {
            dates = StudyQuery.dateRange(param(ctx, "StudyDate", "00080020"));
            q = new StudyQuery(param(ctx, "PatientID", "00100020"), dates[0], dates[1],
                    param(ctx, "AccessionNumber", "00080050"), param(ctx, "StudyInstanceUID", "0020000D"),
                    intParam(ctx, "limit", 100), intParam(ctx, "offset", 0));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        ArrayNode out = F.arrayNode();
        for (Rows.Study s : queries.studies(q)) {
            ObjectNode j = F.objectNode();
            DicomJson.put(j, Tag.StudyDate, VR.DA, s.studyDate());
            DicomJson.put(j, Tag.StudyTime, VR.TM, s.studyTime());
            DicomJson.put(j, Tag.AccessionNumber, VR.SH, s.accessionNumber());
            DicomJson.putAll(j, Tag.ModalitiesInStudy, VR.CS, s.modalities());
            DicomJson.put(j, Tag.ReferringPhysicianName, VR.PN, s.referringPhysician());
            DicomJson.put(j, Tag.StudyDescription, VR.LO, s.description());
            DicomJson.put(j, RETRIEVE_URL, VR.UR, base(ctx) + "/dicomweb/studies/" + s.studyUid());
            DicomJson.put(j, Tag.PatientName, VR.PN, s.patientName());
            DicomJson.put(j, Tag.PatientID, VR.LO, s.patientId());
            DicomJson.put(j, Tag.PatientBirthDate, VR.DA, s.birthDate());
            DicomJson.put(j, Tag.PatientSex, VR.CS, s.sex());
            DicomJson.put(j, STUDY_UID, VR.UI, s.studyUid());
            DicomJson.put(j, STUDY_ID, VR.SH, s.studyId());
            DicomJson.putInt(j, STUDY_SERIES, s.seriesCount());
            DicomJson.putInt(j, STUDY_INSTANCES, s.instanceCount());
            out.add(j);
        }
        ctx.contentType(DICOM_JSON).result(MAPPER.writeValueAsBytes(out));
    }

    private void searchSeries(Context ctx) throws IOException {
        String study = ctx.pathParam("study");
        ArrayNode out = F.arrayNode();
        for (Rows.Series se : queries.seriesOfStudy(study)) {
            ObjectNode j = F.objectNode();
            DicomJson.put(j, Tag.Modality, VR.CS, se.modality());
            DicomJson.put(j, Tag.SeriesDescription, VR.LO, se.description());
            DicomJson.put(j, RETRIEVE_URL, VR.UR, base(ctx) + "/dicomweb/studies/" + study + "/series/"
                    + se.seriesUid());
            DicomJson.put(j, STUDY_UID, VR.UI, study);
            DicomJson.put(j, SERIES_UID, VR.UI, se.seriesUid());
            DicomJson.put(j, SERIES_NUMBER, VR.IS, se.seriesNumber());
            DicomJson.putInt(j, SERIES_INSTANCES, se.instanceCount());
            out.add(j);
        }
        ctx.contentType(DICOM_JSON).result(MAPPER.writeValueAsBytes(out));
    }

    private void searchInstances(Context ctx) throws IOException {
        String study = ctx.pathParam("study");
        String series = ctx.pathParam("series");
        ArrayNode out = F.arrayNode();
        for (Rows.Instance i : queries.instancesOfSeries(series)) {
            if (!i.studyUid().equals(study)) {
                continue;
            }
            ObjectNode j = F.objectNode();
            DicomJson.put(j, Tag.SOPClassUID, VR.UI, i.sopClassUid());
            DicomJson.put(j, Tag.SOPInstanceUID, VR.UI, i.sopUid());
            DicomJson.put(j, AVAILABLE_TRANSFER_SYNTAX, VR.UI, i.transferSyntaxUid());
            DicomJson.put(j, RETRIEVE_URL, VR.UR, instanceUrl(ctx, study, series, i.sopUid()));
            DicomJson.put(j, STUDY_UID, VR.UI, study);
            DicomJson.put(j, SERIES_UID, VR.UI, series);
            DicomJson.put(j, INSTANCE_NUMBER, VR.IS, i.instanceNumber());
            if (i.rows() > 0) {
                putUs(j, ROWS, i.rows());
                putUs(j, COLUMNS, i.columns());
            }
            out.add(j);
        }
        ctx.contentType(DICOM_JSON).result(MAPPER.writeValueAsBytes(out));
    }

    private static void putUs(ObjectNode j, Tag tag, int v) {
        ObjectNode n = j.putObject(DicomJson.key(tag));
        n.put("vr", "US");
        n.putArray("Value").add(v);
    }

    // ---------------------------------------------------------------- helpers

    private String base(Context ctx) {
        return publicBase.of(ctx);
    }

    private String instanceUrl(Context ctx, String study, String series, String sop) {
        return base(ctx) + "/dicomweb/studies/" + study + "/series/" + series + "/instances/" + sop;
    }

    /** A QIDO parameter by keyword or by tag (eight hex digits). */
    private static String param(Context ctx, String keyword, String tag) {
        String v = ctx.queryParam(keyword);
        if (v == null) {
            v = ctx.queryParam(tag);
        }
        return v == null ? "" : v.strip();
    }

    private static int intParam(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
        }
    }
}
