package org.pleura.server.work;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.pleura.dicom.net.DicomNode;
import org.pleura.server.db.Database;
import org.pleura.server.dimse.ResultSender;
import org.pleura.server.dimse.SendOutcome;
import org.pleura.server.metrics.Metrics;
import org.pleura.server.queue.Job;
import org.pleura.server.queue.JobQueue;
import org.pleura.server.queue.JobState;
import org.pleura.server.queue.RetryPolicy;
import org.pleura.server.store.DataDirectory;

/**
 * Sends the SR and SC of one analysed image to one destination. The job is done only once the destination
 * acknowledged both; until then it is retried with exponential back-off (capped), for as long as the destination
 * is unreachable or busy. A destination that refuses the objects with a failure status is tried
 * {@link #MAX_REFUSALS} times, then the job fails (kept for inspection and manual retry).
 *
 * <p>Because result UIDs are derived from the source and the model, sending again after a crash (acknowledged
 * but not yet marked done) replaces the same instances at the destination: exactly once in effect.
 */
public final class RouteJobRunner implements JobRunner {

    /** Attempts refused by the destination before the job fails. */
    public static final int MAX_REFUSALS = 5;

    private final ResultSender sender;
    private final DataDirectory dir;
    private final Database db;
    private final JobQueue queue;
    private final RetryPolicy retry;
    private final Metrics metrics;
    private final Clock clock;

    public RouteJobRunner(ResultSender sender, DataDirectory dir, Database db, JobQueue queue, RetryPolicy retry,
                          Metrics metrics, Clock clock) {
        this.clock = clock;
        this.sender = sender;
        this.dir = dir;
        this.db = db;
        this.queue = queue;
        this.retry = retry;
        this.metrics = metrics;
    }

    @Override
    public void run(Job job) throws Exception {
        DicomNode destination;
        try {
            destination = DicomNode.parse(job.destination());
        } catch (IllegalArgumentException e) {
            queue.finish(job, JobState.FAILED, "invalid destination: " + e.getMessage());
            count("failed");
            return;
        }
        List<String> files = db.read(c -> ResultStore.resultFiles(c, job.instancePk()));
        Optional<SourceInstance> src = db.read(c -> SourceInstance.load(c, job.instancePk()));
        if (files.isEmpty() || src.isEmpty()) {
            queue.finish(job, JobState.FAILED, "no result objects to send");
            count("failed");
            return;
        }
        List<Path> paths = files.stream().map(dir::resolve).toList();
        SendOutcome outcome = sender.send(destination, paths);
        if (outcome instanceof SendOutcome.Acknowledged) {
            if (queue.complete(job)) {
                double seconds = (clock.millis() - src.get().receivedAt()) / 1000.0;
                metrics.histogram("pleura_time_to_result_seconds", "From reception to results acknowledged by the "
                        + "destination", Metrics.LATENCY_BUCKETS).observe(seconds);
                count("sent");
            }
        } else if (outcome instanceof SendOutcome.Retry r) {
            queue.retryLater(job, r.reason(), retry.delayMillis(job.attempts()));
            count("retry");
        } else if (outcome instanceof SendOutcome.Rejected r) {
            if (job.attempts() >= MAX_REFUSALS) {
                queue.finish(job, JobState.FAILED, r.reason());
                count("failed");
            } else {
                queue.retryLater(job, r.reason(), retry.delayMillis(job.attempts()));
                count("retry");
            }
        }
    }

    private void count(String outcome) {
        metrics.counter("pleura_routes_total", "Result sending attempts, by outcome", "outcome", outcome).increment();
    }
}
