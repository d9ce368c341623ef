package org.pleura.server.queue;

/**
 * What the queue held when the server started, after re-queuing the jobs a previous run left running.
 *
 * @param requeued       jobs that were running when the previous run stopped, queued again
 * @param analysesQueued analyses waiting (re-queued ones included)
 * @param routesPending  results waiting to be sent (re-queued ones included)
 * @param failed         jobs that gave up (kept for inspection and manual retry)
 */
public record Recovery(int requeued, long analysesQueued, long routesPending, long failed) {

    /** One line for the start-up log, e.g. "recovered: 3 jobs re-queued, 12 analyses queued, 2 routes pending". */
    public String describe() {
        return "recovered: " + requeued + " interrupted job" + (requeued == 1 ? "" : "s") + " re-queued, "
                + analysesQueued + " analys" + (analysesQueued == 1 ? "is" : "es") + " queued, " + routesPending
                + " route" + (routesPending == 1 ? "" : "s") + " pending, " + failed + " failed job"
                + (failed == 1 ? "" : "s") + " kept";
    }
}
