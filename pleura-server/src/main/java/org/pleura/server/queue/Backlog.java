package org.pleura.server.queue;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The number of analyses not finished (queued or running), kept in memory for the admission check of every
 * received object, and re-read from the database now and then so it cannot drift.
 */
public final class Backlog {

    private final AtomicLong unfinished = new AtomicLong();

    /** One more analysis queued. */
    public void added() {
        unfinished.incrementAndGet();
    }

    /** One analysis finished (done, refused or failed). */
    public void finished() {
        unfinished.updateAndGet(n -> Math.max(0, n - 1));
    }

    /** Sets the exact count read from the database. */
    public void set(long n) {
        unfinished.set(n);
    }

    /** Analyses not finished. */
    public long get() {
        return unfinished.get();
    }
}
