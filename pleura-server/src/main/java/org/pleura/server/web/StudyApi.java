package org.pleura.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pleura.image.ImageReadException;
import org.pleura.image.RadiographReader;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditTrail;
import org.pleura.server.auth.Access;
import org.pleura.server.auth.Principal;
import org.pleura.server.auth.api.Callers;
import org.pleura.server.feedback.FeedbackStore;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.RouteTable;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.HeatMapFile;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;
import org.pleura.server.worklist.TriageLevel;

/**
 * What the viewer reads:
 * <ul>
 *   <li>{@code GET /api/reading/studies/{study}}: the study, its analysed images with the model's findings (score,
 *       call, boxes), and the readers' feedback; recorded in the audit trail as {@code study.view};</li>
 *   <li>{@code GET /api/reading/instances/{instance}/pixels}: the image's values for window/level
 *       ({@link PixelPayload});</li>
 *   <li>{@code GET /api/reading/instances/{instance}/heatmaps}: the model's heat maps, when the analysis kept
 *       them.</li>
 * </ul>
 */
public final class StudyApi {

    /** The file next to the analysis JSON holding the heat maps, when the analysis wrote one. */
    public static final String HEAT_MAPS = HeatMapFile.NAME;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CACHE_BYTES = 256L << 20;

    private final Queries queries;
    private final DataDirectory dir;
    private final FeedbackStore feedback;
    private final AuditTrail audit;
    private final Map<String, byte[]> pixels = new LinkedHashMap<>(16, 0.75f, true);
    private long cached;

    public StudyApi(Queries queries, DataDirectory dir, FeedbackStore feedback, AuditTrail audit) {
        this.queries = queries;
        this.dir = dir;
        this.feedback = feedback;
        this.audit = audit;
    }

    /** Registers the routes. */
    public void register(RouteTable routes) {
        routes.get("/api/reading/studies/{study}", Access.READ, false, this::study)
                .get("/api/reading/instances/{instance}/pixels", Access.READ, this::pixels)
                .get("/api/reading/instances/{instance}/heatmaps", Access.READ, this::heatMaps);
    }

    private void study(Context ctx) throws IOException {
        String uid = ctx.pathParam("study");
        Rows.Study s = queries.study(uid).orElseThrow(() -> ProblemException.notFound("no study " + uid));
        Principal.Person viewer = Callers.of(ctx).orElse(null) instanceof Principal.Person p ? p : null;
        List<Map<String, Object>> images = new ArrayList<>();
        for (Rows.Instance i : queries.instancesOfStudy(uid)) {
            if (i.derivedFromPk() != 0) {
                continue;
            }
            Optional<Rows.Job> job = queries.jobsOf(i.pk()).stream().filter(j -> j.kind().equals("analyze"))
                    .findFirst();
            if (job.isEmpty()) {
                continue;
            }
            images.add(image(i, job.get(), viewer));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> study = new LinkedHashMap<>();
        study.put("studyInstanceUid", s.studyUid());
        study.put("patientId", s.patientId());
        study.put("patientName", s.patientName());
        study.put("patientBirthDate", s.birthDate());
        study.put("patientSex", s.sex());
        study.put("studyDate", s.studyDate());
        study.put("studyTime", s.studyTime());
        study.put("accessionNumber", s.accessionNumber());
        study.put("studyDescription", s.description());
        study.put("receivedAt", java.time.Instant.ofEpochMilli(s.receivedAt()).toString());
        study.put("level", TriageLevel.ofRank(s.triageLevel()).jsonName());
        m.put("study", study);
        m.put("images", images);
        audit.record(Callers.auditEntry(ctx, AuditAction.STUDY_VIEW, s.studyUid(), images.size() + " image(s)"));
        ctx.json(m);
    }

    private Map<String, Object> image(Rows.Instance i, Rows.Job job, Principal.Person viewer) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sopInstanceUid", i.sopUid());
        m.put("columns", i.columns());
        m.put("rows", i.rows());
        m.put("contentType", i.contentType());
        m.put("state", job.state());
        Optional<Rows.Result> result = queries.result(i.pk());
        if (result.isPresent()) {
            Rows.Result r = result.get();
            m.put("status", r.status());
            m.put("model", Map.of("id", r.modelId(), "version", r.modelVersion()));
            if (r.abnormalScore() != null) {
                m.put("abnormal", Map.of("score", r.abnormalScore(), "call", r.abnormalCall()));
            }
            if (r.status().equals("refused")) {
                m.put("reason", r.summary());
            }
            JsonNode analysis = r.jsonPath() == null ? null : readJson(r.jsonPath());
            List<Object> findings = new ArrayList<>();
            List<Object> warnings = new ArrayList<>();
            if (analysis != null) {
                for (JsonNode f : analysis.path("findings")) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    v.put("id", f.path("id").asText());
                    v.put("score", f.path("score").asDouble());
                    v.put("call", f.path("call").asText());
                    List<Map<String, Object>> regions = new ArrayList<>();
                    for (JsonNode g : f.path("regions")) {
                        regions.add(Map.of("x", g.path("x").asDouble(), "y", g.path("y").asDouble(),
                                "w", g.path("w").asDouble(), "h", g.path("h").asDouble(),
                                "score", g.path("score").asDouble()));
                    }
                    v.put("regions", regions);
                    findings.add(v);
                }
                analysis.path("warnings").forEach(w -> warnings.add(w.asText()));
            }
            m.put("findings", findings);
            m.put("warnings", warnings);
            m.put("heatMaps", Files.isRegularFile(dir.resolve(DataDirectory.resultsPath(i.sopUid()) + "/" + HEAT_MAPS)));
            m.put("analysedAt", java.time.Instant.ofEpochMilli(r.analysedAt()).toString());
        } else {
            m.put("status", job.state().equals("done") ? "analysed" : job.state());
            m.put("findings", List.of());
            m.put("warnings", List.of());
            m.put("heatMaps", false);
            if (job.lastError() != null && !job.state().equals("done")) {
                m.put("reason", job.lastError());
            }
        }
        m.put("feedback", FeedbackApi.views(feedback.live(i.pk()), viewer));
        return m;
    }

    private JsonNode readJson(String relative) {
        try {
            return JSON.readTree(Files.readAllBytes(dir.resolve(relative)));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private void pixels(Context ctx) throws IOException {
        Rows.Instance i = instance(ctx);
        byte[] body;
        synchronized (pixels) {
            body = pixels.get(i.sopUid());
        }
        if (body == null) {
            Path file = dir.resolve(i.filePath());
            try {
                body = PixelPayload.gzip(RadiographReader.read(file));
            } catch (ImageReadException e) {
                throw new ProblemException(422, "unreadable", "this image cannot be shown: " + e.getMessage());
            }
            synchronized (pixels) {
                pixels.put(i.sopUid(), body);
                cached += body.length;
                var it = pixels.entrySet().iterator();
                while (cached > CACHE_BYTES && pixels.size() > 1 && it.hasNext()) {
                    var e = it.next();
                    cached -= e.getValue().length;
                    it.remove();
                }
            }
        }
        ctx.header("Content-Encoding", "gzip");
        ctx.contentType("application/octet-stream").result(body);
    }

    private void heatMaps(Context ctx) throws IOException {
        Rows.Instance i = instance(ctx);
        Path p = dir.resolve(DataDirectory.resultsPath(i.sopUid()) + "/" + HEAT_MAPS);
        if (!Files.isRegularFile(p)) {
            throw ProblemException.notFound("the analysis of this image kept no heat maps");
        }
        ctx.contentType("application/json").result(Files.readAllBytes(p));
    }

    private Rows.Instance instance(Context ctx) {
        String uid = ctx.pathParam("instance");
        return queries.instance(uid).orElseThrow(() -> ProblemException.notFound("no instance " + uid));
    }
}
