package org.pleura.server.work;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The job attempts that ended, counted: an attempt ends when its job is done, failed, refused or queued again for a
 * later attempt, its state written. A caller that wants to see a job reach a state reads {@link #ended()}, looks at
 * the queue, and blocks in {@link #awaitMoreThan} until the next attempt ends instead of polling (the tests wait for
 * the analyses and sendings they caused this way).
 */
public final class JobEvents {

    private long ended;

    /** Called by a worker after an attempt's state was written. */
    synchronized void attemptEnded() {
        ended++;
        notifyAll();
    }

    /** Attempts ended since the server started. */
    public synchronized long ended() {
        return ended;
    }

    /**
     * Blocks until more than {@code seen} attempts have ended, or the timeout passed.
     *
     * @return the attempts ended by then ({@code seen} or fewer on timeout)
     */
    public synchronized long awaitMoreThan(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ended <= seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return ended;
    }
}
