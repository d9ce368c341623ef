package org.pleura.server.rest;

import io.javalin.http.Context;
import java.util.List;
import org.pleura.server.auth.Access;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.QueryParams;
import org.pleura.server.http.RouteTable;
import org.pleura.server.queue.JobQueue;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;
import org.pleura.server.store.StudyQuery;

/**
 * The job queue for operators: {@code GET /api/jobs} (by {@code state}, {@code kind}, {@code limit},
 * {@code offset}) and {@code POST /api/jobs/{job}/retry} for a failed or refused job.
 */
final class JobsResource {

    private static final List<String> STATES = List.of("queued", "running", "done", "failed", "refused");
    private static final List<String> KINDS = List.of("analyze", "route");

    private final Queries queries;
    private final JobQueue queue;

    JobsResource(Queries queries, JobQueue queue) {
        this.queries = queries;
        this.queue = queue;
    }

    void register(RouteTable routes) {
        routes.get("/api/jobs", Access.ADMIN, true, this::jobs)
                .post("/api/jobs/{job}/retry", Access.ADMIN, true, this::retry);
    }

    private void jobs(Context ctx) {
        String state = QueryParams.text(ctx, "state");
        String kind = QueryParams.text(ctx, "kind");
        if (!state.isEmpty() && !STATES.contains(state)) {
            throw ProblemException.badRequest("state must be queued, running, done, failed or refused");
        }
        if (!kind.isEmpty() && !KINDS.contains(kind)) {
            throw ProblemException.badRequest("kind must be analyze or route");
        }
        int limit = QueryParams.wholeInt(ctx, "limit", 100);
        if (limit < 1 || limit > StudyQuery.MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be 1-" + StudyQuery.MAX_LIMIT);
        }
        ctx.json(queries.jobs(state, kind, limit, Math.max(0, QueryParams.wholeInt(ctx, "offset", 0))).stream()
                .map(Views::job).toList());
    }

    private void retry(Context ctx) {
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
        ctx.json(Views.job(queries.job(pk).orElseThrow()));
    }
}
