package org.pleura.server.http;

import java.util.Map;
import java.util.concurrent.Semaphore;

/** Bounds the HTTP uploads running at once; one more gets 503 with {@code Retry-After}. */
public final class UploadGate {

    private final Semaphore slots;
    private final int max;

    public UploadGate(int max) {
        this.max = max;
        this.slots = new Semaphore(max);
    }

    /**
     * A slot for one upload; close it when done.
     *
     * @throws ProblemException 503 when every slot is taken
     */
    public Slot enter() {
        if (!slots.tryAcquire()) {
            throw new ProblemException(503, "too-many-uploads", max + " uploads are in progress; try again shortly",
                    Map.of("Retry-After", "2"));
        }
        return slots::release;
    }

    /** A held upload slot. */
    @FunctionalInterface
    public interface Slot extends AutoCloseable {
        /** Gives the slot back. */
        @Override
        void close();
    }

    /** Uploads in progress. */
    public int inProgress() {
        return max - slots.availablePermits();
    }
}
