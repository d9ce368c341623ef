package org.pleura.server.work;

import org.pleura.server.queue.Job;

/**
 * Runs one claimed job and moves it to its next state itself (done in the transaction of its effect, retried
 * later, failed...). An exception it lets escape is an internal error: the pool retries the job with back-off.
 */
@FunctionalInterface
public interface JobRunner {

    /** Runs the job. */
    void run(Job job) throws Exception;
}
