package org.pleura.server.work;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.pleura.server.metrics.Metrics;
import org.pleura.server.queue.Job;
import org.pleura.server.queue.JobKind;
import org.pleura.server.queue.JobQueue;
import org.pleura.server.queue.JobState;
import org.pleura.server.queue.RetryPolicy;

/**
 * A fixed number of workers for one kind of job. A dispatcher thread claims as many ready jobs as there are idle
 * workers, when woken (a job was created) or every half second (back-off timers). A job that has used up its
 * attempts without finishing (e.g. the server died during each of them) fails instead of running again.
 */
public final class WorkerPool implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("org.pleura.server.work");
    private static final long POLL_MS = 500;

    private final JobKind kind;
    private final int size;
    private final JobQueue queue;
    private final JobRunner runner;
    private final RetryPolicy retry;
    private final Metrics metrics;
    private final JobEvents events;
    private final Semaphore idle;
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService workers;
    private final Thread dispatcher;
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicLong lastClaimError = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param size   workers
     * @param retry  attempts and back-off for internal errors
     * @param runner what each job does
     */
    public WorkerPool(JobKind kind, int size, JobQueue queue, JobRunner runner, RetryPolicy retry, Metrics metrics) {
        this(kind, size, queue, runner, retry, metrics, new JobEvents());
    }

    /**
     * @param size   workers
     * @param retry  attempts and back-off for internal errors
     * @param runner what each job does
     * @param events told each time an attempt ended, its state written
     */
    public WorkerPool(JobKind kind, int size, JobQueue queue, JobRunner runner, RetryPolicy retry, Metrics metrics,
                      JobEvents events) {
        this.kind = kind;
        this.size = size;
        this.queue = queue;
        this.runner = runner;
        this.retry = retry;
        this.metrics = metrics;
        this.events = events;
        this.idle = new Semaphore(size);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, kind.dbValue() + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dispatcher = new Thread(this::dispatch, kind.dbValue() + "-dispatcher");
        this.dispatcher.setDaemon(true);
    }

    /** Starts claiming jobs. */
    public WorkerPool start() {
        dispatcher.start();
        return this;
    }

    /** Tells the dispatcher a job may be ready now. */
    public void wake() {
        wake.release();
    }

    /** Workers. */
    public int size() {
        return size;
    }

    /** Workers running a job now. */
    public int busy() {
        return busy.get();
    }

    /** True while the dispatcher runs. */
    public boolean isAlive() {
        return running && dispatcher.isAlive();
    }

    private void dispatch() {
        while (running) {
            try {
                idle.acquire();
                idle.release();
                int free = idle.availablePermits();
                List<Job> jobs = free == 0 ? List.of() : queue.claim(kind, free);
                if (jobs.isEmpty()) {
                    wake.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                    continue;
                }
                for (Job job : jobs) {
                    idle.acquire();
                    busy.incrementAndGet();
                    workers.execute(() -> {
                        try {
                            execute(job);
                        } finally {
                            busy.decrementAndGet();
                            idle.release();
                            wake.release();
                            events.attemptEnded();
                            LOG.log(System.Logger.Level.DEBUG, () -> kind.dbValue() + " job " + job.pk() + ": attempt "
                                    + job.attempts() + " ended");
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                long now = System.currentTimeMillis();
                if (now - lastClaimError.getAndSet(now) > 60_000) {
                    LOG.log(System.Logger.Level.WARNING, kind.dbValue() + " jobs: cannot claim: " + e.getMessage());
                }
                error("claim");
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void execute(Job job) {
        if (job.attempts() > retry.maxAttempts()) {
            safely(() -> queue.finish(job, JobState.FAILED, "gave up after " + (job.attempts() - 1)
                    + " attempts that did not finish"));
            return;
        }
        try {
            runner.run(job);
        } catch (Exception | LinkageError e) {
            error("job");
            LOG.log(System.Logger.Level.WARNING, kind.dbValue() + " job " + job.pk() + " failed: " + e);
            String reason = "internal error: " + e;
            safely(() -> {
                if (retry.exhausted(job.attempts())) {
                    queue.finish(job, JobState.FAILED, reason);
                } else {
                    queue.retryLater(job, reason, retry.delayMillis(job.attempts()));
                }
            });
        }
    }

    private void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            error("job-state");
            LOG.log(System.Logger.Level.WARNING, "cannot update a " + kind.dbValue() + " job: " + e.getMessage()
                    + " (it is re-queued when its lease expires or at the next start)");
        }
    }

    private void error(String where) {
        metrics.counter("pleura_errors_total", "Internal errors by place", "where", kind.dbValue() + "-" + where)
                .increment();
    }

    /** Stops claiming, lets running jobs finish for up to {@code graceMillis}, then interrupts them. */
    public void close(long graceMillis) {
        running = false;
        dispatcher.interrupt();
        try {
            dispatcher.join(5000);
            workers.shutdown();
            if (!workers.awaitTermination(graceMillis, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(30_000);
    }
}
