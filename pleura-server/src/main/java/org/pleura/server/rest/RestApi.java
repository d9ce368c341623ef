package org.pleura.server.rest;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.pleura.server.http.RouteTable;
import org.pleura.server.http.UploadGate;
import org.pleura.server.queue.JobQueue;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.Ingest;
import org.pleura.server.store.Queries;
import org.pleura.server.worklist.Worklist;

/**
 * The REST API under {@code /api}: builds one object per resource and registers their routes.
 *
 * @see org.pleura.server.rest
 */
public final class RestApi {

    private final UploadResource uploads;
    private final StudyTreeResource tree;
    private final AnalysisResource analyses;
    private final WorklistResource worklist;
    private final JobsResource jobs;

    /**
     * @param worklistMaxWait wait after which a study not yet reviewed rises to the top of the worklist
     * @param clock           epoch milliseconds: the worklist's "now" (tests move a test clock)
     * @param findingOrder    catalogue order of the findings, for each study's calls in the worklist
     */
    public RestApi(Ingest ingest, Queries queries, DataDirectory dir, JobQueue queue, UploadGate gate,
                   Worklist worklistRule, Duration worklistMaxWait, LongSupplier clock,
                   Supplier<List<String>> findingOrder) {
        StoredFiles files = new StoredFiles(dir, queries);
        this.uploads = new UploadResource(ingest, dir, gate);
        this.tree = new StudyTreeResource(queries, files);
        this.analyses = new AnalysisResource(queries, files);
        this.worklist = new WorklistResource(worklistRule, queries, worklistMaxWait, clock, findingOrder);
        this.jobs = new JobsResource(queries, queue);
    }

    /** Registers the routes of every resource. */
    public void register(RouteTable routes) {
        uploads.register(routes);
        tree.register(routes);
        analyses.register(routes);
        worklist.register(routes);
        jobs.register(routes);
    }
}
