package org.pleura.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pleura.server.queue.JobQueue;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.IncomingObject;
import org.pleura.server.store.Ingest;
import org.pleura.server.store.IngestOutcome;
import org.pleura.server.store.Origin;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;
import org.pleura.server.store.StoredInstance;
import org.pleura.server.store.StudyQuery;
import org.pleura.server.worklist.TriageLevel;

/**
 * The REST API under {@code /api}: an Orthanc-like tree of studies, series and instances, uploads, the analysis
 * and its artefacts of each image, the worklist and the job queue. JSON throughout; errors are problem documents.
 */
public final class RestApi {

    /** Shown with every analysis and worklist. */
    public static final String DISCLAIMER = "Pleura is an aid to the reader, not a diagnosis.";

    private final Ingest ingest;
    private final Queries queries;
    private final DataDirectory dir;
    private final JobQueue queue;
    private final UploadGate uploads;
    private final Duration worklistMaxWait;
    private final java.util.function.LongSupplier clock;

    public RestApi(Ingest ingest, Queries queries, DataDirectory dir, JobQueue queue, UploadGate uploads,
                   Duration worklistMaxWait) {
        this(ingest, queries, dir, queue, uploads, worklistMaxWait, System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds: the worklist's "now" (tests move a test clock) */
    public RestApi(Ingest ingest, Queries queries, DataDirectory dir, JobQueue queue, UploadGate uploads,
                   Duration worklistMaxWait, java.util.function.LongSupplier clock) {
        this.clock = clock;
        this.ingest = ingest;
        this.queries = queries;
        this.dir = dir;
        this.queue = queue;
        this.uploads = uploads;
        this.worklistMaxWait = worklistMaxWait;
    }

    /** Registers the routes. */
    public void register(RouteTable routes) {
        routes.post("/api/images", Access.STORE, this::upload)
                .get("/api/studies", Access.READ, this::studies)
                .get("/api/studies/{study}", Access.READ, this::study)
                .get("/api/series/{series}", Access.READ, this::series)
                .get("/api/instances/{instance}", Access.READ, this::instance)
                .get("/api/instances/{instance}/file", Access.READ, this::file)
                .get("/api/instances/{instance}/analysis", Access.READ, this::analysis)
                .get("/api/instances/{instance}/overlay.png", Access.READ, ctx -> artefact(ctx, "overlay"))
                .get("/api/instances/{instance}/sr.dcm", Access.READ, ctx -> artefact(ctx, "sr"))
                .get("/api/instances/{instance}/sc.dcm", Access.READ, ctx -> artefact(ctx, "sc"))
                .get("/api/worklist", Access.READ, this::worklist)
                .get("/api/jobs", Access.ADMIN, true, this::jobs)
                .post("/api/jobs/{job}/retry", Access.ADMIN, true, this::retryJob);
    }

    // ---------------------------------------------------------------- upload

    private void upload(Context ctx) throws IOException {
        try (UploadGate.Slot slot = uploads.enter(ctx, ingest.maxObjectBytes())) {
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

    private Map<String, Object> accepted(StoredInstance s, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("sopInstanceUid", s.sopUid());
        m.put("seriesInstanceUid", s.seriesUid());
        m.put("studyInstanceUid", s.studyUid());
        m.put("job", s.jobPk() == 0 ? null : s.jobPk());
        m.put("links", instanceLinks(s.sopUid()));
        return m;
    }

    // ---------------------------------------------------------------- tree

    private void studies(Context ctx) {
        String[] dates;
        try {
            dates = StudyQuery.dateRange(ctx.queryParam("StudyDate"));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        StudyQuery q = query(() -> new StudyQuery(param(ctx, "PatientID"), dates[0], dates[1],
                param(ctx, "AccessionNumber"), param(ctx, "StudyInstanceUID"), intParam(ctx, "limit", 100),
                intParam(ctx, "offset", 0)));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Rows.Study s : queries.studies(q)) {
            out.add(studyView(s));
        }
        ctx.json(out);
    }

    private void study(Context ctx) {
        Rows.Study s = queries.study(ctx.pathParam("study"))
                .orElseThrow(() -> ProblemException.notFound("no study " + ctx.pathParam("study")));
        Map<String, Object> m = studyView(s);
        m.put("analyses", queries.analysisStates(s.pk()));
        List<Map<String, Object>> series = new ArrayList<>();
        for (Rows.Series se : queries.seriesOfStudy(s.studyUid())) {
            Map<String, Object> v = seriesView(se);
            v.put("instances", queries.instancesOfSeries(se.seriesUid()).stream().map(Rows.Instance::sopUid).toList());
            series.add(v);
        }
        m.put("series", series);
        ctx.json(m);
    }

    private void series(Context ctx) {
        Rows.Series se = queries.series(ctx.pathParam("series"))
                .orElseThrow(() -> ProblemException.notFound("no series " + ctx.pathParam("series")));
        Map<String, Object> v = seriesView(se);
        v.put("instances", queries.instancesOfSeries(se.seriesUid()).stream().map(Rows.Instance::sopUid).toList());
        ctx.json(v);
    }

    private void instance(Context ctx) {
        Rows.Instance i = instanceOf(ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sopInstanceUid", i.sopUid());
        m.put("seriesInstanceUid", i.seriesUid());
        m.put("studyInstanceUid", i.studyUid());
        m.put("sopClassUid", i.sopClassUid());
        m.put("instanceNumber", i.instanceNumber());
        m.put("contentType", i.contentType());
        m.put("transferSyntaxUid", i.transferSyntaxUid());
        m.put("rows", i.rows());
        m.put("columns", i.columns());
        m.put("size", i.fileSize());
        m.put("channel", i.channel());
        m.put("receivedAt", Formats.time(i.receivedAt()));
        m.put("derivedFrom", i.derivedFromPk() == 0 ? null : "result of an analysis");
        List<Rows.Job> jobs = queries.jobsOf(i.pk());
        Optional<Rows.Result> result = queries.result(i.pk());
        jobs.stream().filter(j -> j.kind().equals("analyze")).findFirst()
                .ifPresent(j -> m.put("analysis", analysisSummary(j, result)));
        List<Map<String, Object>> routes = new ArrayList<>();
        for (Rows.Job j : jobs) {
            if (j.kind().equals("route")) {
                routes.add(jobView(j));
            }
        }
        m.put("routes", routes);
        m.put("links", instanceLinks(i.sopUid()));
        ctx.json(m);
    }

    private Map<String, Object> analysisSummary(Rows.Job job, Optional<Rows.Result> result) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("state", job.state());
        a.put("attempts", job.attempts());
        if (job.lastError() != null && !job.state().equals("done")) {
            a.put("lastError", job.lastError());
        }
        result.ifPresent(r -> {
            a.put("model", Map.of("id", r.modelId(), "version", r.modelVersion()));
            if (r.abnormalScore() != null) {
                a.put("abnormal", Map.of("score", r.abnormalScore(), "call", r.abnormalCall()));
            }
            a.put("triage", TriageLevel.ofRank(r.triageLevel()).jsonName());
            a.put("summary", r.summary());
            a.put("analysedAt", Formats.time(r.analysedAt()));
        });
        return a;
    }

    private void file(Context ctx) throws IOException {
        Rows.Instance i = instanceOf(ctx);
        sendFile(ctx, i.filePath(), i.contentType());
    }

    // ---------------------------------------------------------------- analysis and artefacts

    private void analysis(Context ctx) throws IOException {
        Rows.Instance i = instanceOf(ctx);
        Optional<Rows.Result> result = queries.result(i.pk());
        if (result.isPresent() && result.get().jsonPath() != null) {
            sendFile(ctx, result.get().jsonPath(), "application/json");
            return;
        }
        Rows.Job job = analysisJob(i);
        switch (job.state()) {
            case "queued", "running" -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("state", job.state());
                m.put("detail", "the analysis is not finished yet; try again shortly");
                ctx.status(202).header("Retry-After", "2").json(m);
            }
            case "refused" -> throw new ProblemException(422, "refused", "the image was not analysed: "
                    + job.lastError());
            case "failed" -> throw new ProblemException(422, "analysis-failed", "the analysis failed: "
                    + job.lastError());
            default -> throw ProblemException.notFound("the analysis of " + i.sopUid() + " has no JSON");
        }
    }

    private void artefact(Context ctx, String which) throws IOException {
        Rows.Instance i = instanceOf(ctx);
        Optional<Rows.Result> result = queries.result(i.pk());
        String path = result.map(r -> switch (which) {
            case "overlay" -> r.overlayPath();
            case "sr" -> r.srPath();
            default -> r.scPath();
        }).orElse(null);
        if (path == null) {
            String state = queries.jobsOf(i.pk()).stream().filter(j -> j.kind().equals("analyze"))
                    .map(Rows.Job::state).findFirst().orElse("none (not an image)");
            throw ProblemException.notFound("no " + switch (which) {
                case "overlay" -> "overlay picture";
                case "sr" -> "structured report";
                default -> "secondary capture";
            } + " for " + i.sopUid() + " (analysis: " + state + ")");
        }
        sendFile(ctx, path, which.equals("overlay") ? "image/png" : Formats.DICOM);
    }

    private Rows.Job analysisJob(Rows.Instance i) {
        return queries.jobsOf(i.pk()).stream().filter(j -> j.kind().equals("analyze")).findFirst()
                .orElseThrow(() -> ProblemException.notFound(i.sopUid() + " is not an image Pleura analyses"));
    }

    // ---------------------------------------------------------------- worklist

    private void worklist(Context ctx) {
        int limit = intParam(ctx, "limit", 100);
        int offset = intParam(ctx, "offset", 0);
        if (limit < 1 || limit > StudyQuery.MAX_LIMIT || offset < 0) {
            throw ProblemException.badRequest("limit must be 1-" + StudyQuery.MAX_LIMIT + " and offset >= 0");
        }
        int maxLevel = TriageLevel.ROUTINE.rank();
        String level = param(ctx, "level");
        if (!level.isEmpty()) {
            try {
                maxLevel = TriageLevel.valueOf(level.toUpperCase(java.util.Locale.ROOT)).rank();
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("level must be one of urgent_positive, doubtful, follow_up, routine");
            }
        }
        long now = clock.getAsLong();
        long overdueBefore = now - worklistMaxWait.toMillis();
        List<Map<String, Object>> studies = new ArrayList<>();
        int position = offset;
        for (Rows.Study s : queries.worklist(overdueBefore, maxLevel, limit, offset)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("position", ++position);
            m.put("level", TriageLevel.ofRank(s.triageLevel()).jsonName());
            m.put("overdue", s.receivedAt() < overdueBefore);
            m.put("waitingMinutes", (now - s.receivedAt()) / 60_000);
            m.put("findings", s.triageFindings());
            m.putAll(studyView(s));
            m.put("analyses", queries.analysisStates(s.pk()));
            studies.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", Formats.time(now));
        out.put("maxWaitMinutes", worklistMaxWait.toMinutes());
        out.put("order", "overdue studies first (oldest first), then urgent_positive, doubtful, follow_up, routine; "
                + "oldest first within a level");
        out.put("studies", studies);
        out.put("disclaimer", DISCLAIMER);
        ctx.json(out);
    }

    // ---------------------------------------------------------------- jobs

    private void jobs(Context ctx) {
        String state = param(ctx, "state");
        String kind = param(ctx, "kind");
        if (!state.isEmpty() && !List.of("queued", "running", "done", "failed", "refused").contains(state)) {
            throw ProblemException.badRequest("state must be queued, running, done, failed or refused");
        }
        if (!kind.isEmpty() && !List.of("analyze", "route").contains(kind)) {
            throw ProblemException.badRequest("kind must be analyze or route");
        }
        int limit = intParam(ctx, "limit", 100);
        if (limit < 1 || limit > StudyQuery.MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be 1-" + StudyQuery.MAX_LIMIT);
        }
        ctx.json(queries.jobs(state, kind, limit, Math.max(0, intParam(ctx, "offset", 0))).stream()
                .map(RestApi::jobView).toList());
    }

    private void retryJob(Context ctx) {
        long pk;
        try {
            pk = Long.parseLong(ctx.pathParam("job"));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("job ids are numbers");
        }
        Rows.Job job = queries.job(pk).orElseThrow(() -> ProblemException.notFound("no job " + pk));
        if (!queue.retryNow(pk)) {
            throw new ProblemException(409, "not-retryable", "job " + pk + " is " + job.state()
                    + "; only failed or refused jobs can be retried");
        }
        ctx.json(jobView(queries.job(pk).orElseThrow()));
    }

    private static Map<String, Object> jobView(Rows.Job j) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.pk());
        m.put("kind", j.kind());
        m.put("sopInstanceUid", j.sopUid());
        if (!j.destination().isEmpty()) {
            m.put("destination", j.destination());
        }
        m.put("state", j.state());
        m.put("attempts", j.attempts());
        if (j.state().equals("queued")) {
            m.put("nextAttemptAt", Formats.time(j.nextAttemptAt()));
        }
        m.put("createdAt", Formats.time(j.createdAt()));
        if (j.finishedAt() != null) {
            m.put("finishedAt", Formats.time(j.finishedAt()));
        }
        if (j.lastError() != null) {
            m.put("lastError", j.lastError());
        }
        return m;
    }

    // ---------------------------------------------------------------- helpers

    private Rows.Instance instanceOf(Context ctx) {
        String uid = ctx.pathParam("instance");
        return queries.instance(uid).orElseThrow(() -> ProblemException.notFound("no instance " + uid));
    }

    private void sendFile(Context ctx, String relative, String contentType) throws IOException {
        Path p = dir.resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw ProblemException.notFound("the file of this object is missing from the data directory");
        }
        ctx.contentType(contentType);
        ctx.header("Content-Length", Long.toString(Files.size(p)));
        ctx.result(Files.newInputStream(p));
    }

    static Map<String, Object> studyView(Rows.Study s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("studyInstanceUid", s.studyUid());
        m.put("patientId", s.patientId());
        m.put("patientName", s.patientName());
        m.put("patientBirthDate", s.birthDate());
        m.put("patientSex", s.sex());
        m.put("studyDate", s.studyDate());
        m.put("studyTime", s.studyTime());
        m.put("accessionNumber", s.accessionNumber());
        m.put("studyDescription", s.description());
        m.put("modalities", s.modalities());
        m.put("series", s.seriesCount());
        m.put("instances", s.instanceCount());
        m.put("receivedAt", Formats.time(s.receivedAt()));
        m.put("triage", TriageLevel.ofRank(s.triageLevel()).jsonName());
        m.put("links", Map.of("self", "/api/studies/" + s.studyUid(), "dicomweb", "/dicomweb/studies/" + s.studyUid()));
        return m;
    }

    private static Map<String, Object> seriesView(Rows.Series se) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seriesInstanceUid", se.seriesUid());
        m.put("studyInstanceUid", se.studyUid());
        m.put("modality", se.modality());
        m.put("seriesNumber", se.seriesNumber());
        m.put("seriesDescription", se.description());
        m.put("bodyPartExamined", se.bodyPart());
        m.put("instanceCount", se.instanceCount());
        return m;
    }

    private static Map<String, String> instanceLinks(String uid) {
        Map<String, String> m = new LinkedHashMap<>();
        String base = "/api/instances/" + uid;
        m.put("self", base);
        m.put("file", base + "/file");
        m.put("analysis", base + "/analysis");
        m.put("overlay", base + "/overlay.png");
        m.put("sr", base + "/sr.dcm");
        m.put("sc", base + "/sc.dcm");
        return m;
    }

    private static String param(Context ctx, String name) {
        String v = ctx.queryParam(name);
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
            throw ProblemException.badRequest(name + " must be a whole number, got '" + v + "'");
        }
    }

    private static StudyQuery query(java.util.function.Supplier<StudyQuery> q) {
        try {
            return q.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }
}
