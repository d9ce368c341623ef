package org.pleura.server.rest;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pleura.server.auth.Access;
import org.pleura.server.http.Formats;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.QueryParams;
import org.pleura.server.http.RouteTable;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;
import org.pleura.server.store.StudyQuery;
import org.pleura.server.worklist.TriageLevel;

/**
 * The Orthanc-like tree: {@code GET /api/studies} (by {@code PatientID}, {@code StudyDate} range,
 * {@code AccessionNumber}, {@code StudyInstanceUID}, {@code limit}, {@code offset}), {@code /api/studies/{study}},
 * {@code /api/series/{series}}, {@code /api/instances/{instance}} (with its analysis and routing jobs) and
 * {@code /api/instances/{instance}/file}.
 */
final class StudyTreeResource {

    private final Queries queries;
    private final StoredFiles files;

    StudyTreeResource(Queries queries, StoredFiles files) {
        this.queries = queries;
        this.files = files;
    }

    void register(RouteTable routes) {
        routes.get("/api/studies", Access.READ, this::studies)
                .get("/api/studies/{study}", Access.READ, this::study)
                .get("/api/series/{series}", Access.READ, this::series)
                .get("/api/instances/{instance}", Access.READ, this::instance)
                .get("/api/instances/{instance}/file", Access.READ, this::file);
    }

    private void studies(Context ctx) {
        StudyQuery q;
        try {
            String[] dates = StudyQuery.dateRange(ctx.queryParam("StudyDate"));
            q = new StudyQuery(QueryParams.text(ctx, "PatientID"), dates[0], dates[1],
                    QueryParams.text(ctx, "AccessionNumber"), QueryParams.text(ctx, "StudyInstanceUID"),
                    QueryParams.wholeInt(ctx, "limit", 100), QueryParams.wholeInt(ctx, "offset", 0));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        ctx.json(queries.studies(q).stream().map(Views::study).toList());
    }

    private void study(Context ctx) {
        Rows.Study s = queries.study(ctx.pathParam("study"))
                .orElseThrow(() -> ProblemException.notFound("no study " + ctx.pathParam("study")));
        Map<String, Object> m = Views.study(s);
        m.put("analyses", queries.analysisStates(s.pk()));
        List<Map<String, Object>> series = new ArrayList<>();
        for (Rows.Series se : queries.seriesOfStudy(s.studyUid())) {
            Map<String, Object> v = Views.series(se);
            v.put("instances", queries.instancesOfSeries(se.seriesUid()).stream().map(Rows.Instance::sopUid).toList());
            series.add(v);
        }
        m.put("series", series);
        ctx.json(m);
    }

    private void series(Context ctx) {
        Rows.Series se = queries.series(ctx.pathParam("series"))
                .orElseThrow(() -> ProblemException.notFound("no series " + ctx.pathParam("series")));
        Map<String, Object> v = Views.series(se);
        v.put("instances", queries.instancesOfSeries(se.seriesUid()).stream().map(Rows.Instance::sopUid).toList());
        ctx.json(v);
    }

    private void instance(Context ctx) {
        Rows.Instance i = files.instanceOf(ctx);
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
        m.put("routes", jobs.stream().filter(j -> j.kind().equals("route")).map(Views::job).toList());
        m.put("links", Views.instanceLinks(i.sopUid()));
        ctx.json(m);
    }

    private static Map<String, Object> analysisSummary(Rows.Job job, Optional<Rows.Result> result) {
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
        Rows.Instance i = files.instanceOf(ctx);
        files.send(ctx, i.filePath(), i.contentType());
    }
}
