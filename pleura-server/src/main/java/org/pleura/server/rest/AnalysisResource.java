package org.pleura.server.rest;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pleura.server.auth.Access;
import org.pleura.server.http.Formats;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.RouteTable;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;

/**
 * An image's analysis and its artefacts: {@code GET /api/instances/{instance}/analysis} (the Analysis JSON; 202
 * with {@code Retry-After} while it runs, 422 when refused or failed), {@code overlay.png}, {@code sr.dcm} and
 * {@code sc.dcm}.
 */
final class AnalysisResource {

    private final Queries queries;
    private final StoredFiles files;

    AnalysisResource(Queries queries, StoredFiles files) {
        this.queries = queries;
        this.files = files;
    }

    void register(RouteTable routes) {
        routes.get("/api/instances/{instance}/analysis", Access.READ, this::analysis)
                .get("/api/instances/{instance}/overlay.png", Access.READ, ctx -> artefact(ctx, "overlay"))
                .get("/api/instances/{instance}/sr.dcm", Access.READ, ctx -> artefact(ctx, "sr"))
                .get("/api/instances/{instance}/sc.dcm", Access.READ, ctx -> artefact(ctx, "sc"));
    }

    private void analysis(Context ctx) throws IOException {
        Rows.Instance i = files.instanceOf(ctx);
        Optional<Rows.Result> result = queries.result(i.pk());
        if (result.isPresent() && result.get().jsonPath() != null) {
            files.send(ctx, result.get().jsonPath(), "application/json");
            return;
        }
        Rows.Job job = analysisJob(i)
                .orElseThrow(() -> ProblemException.notFound(i.sopUid() + " is not an image Pleura analyses"));
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
        Rows.Instance i = files.instanceOf(ctx);
        Optional<Rows.Result> result = queries.result(i.pk());
        String path = result.map(r -> switch (which) {
            case "overlay" -> r.overlayPath();
            case "sr" -> r.srPath();
            default -> r.scPath();
        }).orElse(null);
        if (path == null) {
            String state = analysisJob(i).map(Rows.Job::state).orElse("none (not an image)");
            throw ProblemException.notFound("no " + switch (which) {
                case "overlay" -> "overlay picture";
                case "sr" -> "structured report";
                default -> "secondary capture";
            } + " for " + i.sopUid() + " (analysis: " + state + ")");
        }
        files.send(ctx, path, which.equals("overlay") ? "image/png" : Formats.DICOM);
    }

    private Optional<Rows.Job> analysisJob(Rows.Instance i) {
        return queries.jobsOf(i.pk()).stream().filter(j -> j.kind().equals("analyze")).findFirst();
    }
}
