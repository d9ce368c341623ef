package org.pleura.server.work;

import java.time.Clock;
import java.util.Optional;
import org.pleura.model.result.ModelInfo;
import org.pleura.server.analysis.AnalysisJobOutcome;
import org.pleura.server.analysis.AnalysisRequest;
import org.pleura.server.analysis.AnalysisService;
import org.pleura.server.db.Database;
import org.pleura.server.metrics.Metrics;
import org.pleura.server.queue.Backlog;
import org.pleura.server.queue.Job;
import org.pleura.server.queue.JobQueue;
import org.pleura.server.queue.JobState;
import org.pleura.server.queue.RetryPolicy;
import org.pleura.server.store.DataDirectory;

/**
 * Analyses one stored image: runs the {@link AnalysisService}, then stores and records the outcome. An analysed
 * image gets its results and route jobs in the transaction that completes the job; a refused one a record saying
 * why; a failure is retried with back-off while it may help; with no model installed the job waits without
 * using up its attempts.
 */
public final class AnalysisJobRunner implements JobRunner {

    private static final System.Logger LOG = System.getLogger("org.pleura.server.work");
    private static final long NO_MODEL_PAUSE_MS = 30_000;

    private final AnalysisService analysis;
    private final DataDirectory dir;
    private final Database db;
    private final JobQueue queue;
    private final ResultStore results;
    private final RetryPolicy retry;
    private final Backlog backlog;
    private final Runnable routesCreated;
    private final Metrics metrics;
    private final Clock clock;

    /**
     * @param routesCreated called after route jobs are committed (wakes the senders)
     * @param clock         stamps the results (and measures the time from reception to results)
     */
    public AnalysisJobRunner(AnalysisService analysis, DataDirectory dir, Database db, JobQueue queue,
                             java.util.List<org.pleura.dicom.net.DicomNode> routes, RetryPolicy retry, Backlog backlog,
                             Runnable routesCreated, Metrics metrics, Clock clock) {
        this.clock = clock;
        this.analysis = analysis;
        this.dir = dir;
        this.db = db;
        this.queue = queue;
        this.results = new ResultStore(dir, db, routes, clock);
        this.retry = retry;
        this.backlog = backlog;
        this.routesCreated = routesCreated;
        this.metrics = metrics;
    }

    @Override
    public void run(Job job) throws Exception {
        Optional<SourceInstance> found = db.read(c -> SourceInstance.load(c, job.instancePk()));
        if (found.isEmpty()) {
            queue.finish(job, JobState.FAILED, "the instance is no longer stored");
            finished("failed");
            return;
        }
        SourceInstance src = found.get();
        AnalysisRequest request = new AnalysisRequest(dir.resolve(src.filePath()), src.contentType(), src.sopUid(),
                src.studyUid());
        long t0 = System.nanoTime();
        AnalysisJobOutcome outcome = analysis.analyze(request);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (outcome instanceof AnalysisJobOutcome.Analysed a) {
            int routes = results.recordAnalysed(job, src, a.analysis(), a.artefacts());
            if (routes < 0) {
                LOG.log(System.Logger.Level.WARNING, "analysis job {0}: lease lost, result discarded", job.pk());
                return;
            }
            metrics.histogram("pleura_analysis_duration_seconds", "Time the analysis pipeline took per image",
                    Metrics.LATENCY_BUCKETS).observe(seconds);
            metrics.histogram("pleura_time_to_analysis_seconds", "From reception to results stored",
                    Metrics.LATENCY_BUCKETS).observe((clock.millis() - src.receivedAt()) / 1000.0);
            metrics.rate("pleura_analyses_per_second", "Analyses completed per second over the last minute").mark();
            finished("analysed");
            if (routes > 0) {
                routesCreated.run();
            }
        } else if (outcome instanceof AnalysisJobOutcome.Refused r) {
            ModelInfo m = analysis.model().orElse(new ModelInfo("", ""));
            results.recordRefused(src, m.id(), m.version(), r.reason(), r.artefacts());
            queue.finish(job, JobState.REFUSED, r.reason());
            finished("refused");
        } else if (outcome instanceof AnalysisJobOutcome.Failed f) {
            if (f.retryable() && !retry.exhausted(job.attempts())) {
                queue.retryLater(job, f.reason(), retry.delayMillis(job.attempts()));
            } else {
                queue.finish(job, JobState.FAILED, f.reason());
                finished("failed");
            }
        } else if (outcome instanceof AnalysisJobOutcome.NoModel n) {
            queue.postpone(job, n.reason(), NO_MODEL_PAUSE_MS);
        }
    }

    private void finished(String outcome) {
        backlog.finished();
        metrics.counter("pleura_analyses_total", "Analyses finished, by outcome", "outcome", outcome).increment();
    }
}
