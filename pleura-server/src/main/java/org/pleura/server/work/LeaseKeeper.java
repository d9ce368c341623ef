package org.pleura.server.work;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.pleura.server.queue.Backlog;
import org.pleura.server.queue.JobQueue;

/**
 * The heartbeat: renews the leases of the jobs this server runs (four times per lease), queues again jobs whose
 * lease expired (their server died) and re-reads the backlog from the database so the admission check cannot
 * drift.
 */
public final class LeaseKeeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("org.pleura.server.work");

    private final ScheduledExecutorService timer;

    private LeaseKeeper(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts the heartbeat; {@code pools} are woken when jobs are re-queued. */
    public static LeaseKeeper start(JobQueue queue, Backlog backlog, List<WorkerPool> pools) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "job-heartbeat");
            th.setDaemon(true);
            return th;
        });
        long period = Math.max(1000, queue.lease().toMillis() / 4);
        t.scheduleWithFixedDelay(() -> {
            try {
                queue.heartbeat();
                int requeued = queue.requeueExpired();
                if (requeued > 0) {
                    LOG.log(System.Logger.Level.WARNING, requeued + " jobs whose lease expired were re-queued");
                    pools.forEach(WorkerPool::wake);
                }
                backlog.set(queue.unfinishedAnalyses());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "job heartbeat failed: " + e.getMessage());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return new LeaseKeeper(t);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
