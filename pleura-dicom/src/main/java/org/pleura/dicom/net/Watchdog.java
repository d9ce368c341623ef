package org.pleura.dicom.net;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Closes a resource when an operation that has no timeout of its own (a blocking socket write) takes too long.
 * One daemon thread serves every association.
 */
final class Watchdog {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Watchdog() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "dicom-watchdog");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /** A timer that closes {@code target} after {@code millis} unless {@link Armed#disarm()}ed first. */
    static Armed arm(Closeable target, long millis) {
        Armed a = new Armed();
        a.future = TIMER.schedule(() -> {
            a.fired = true;
            try {
                target.close();
            } catch (IOException ignored) {
                // closing is all we can do
            }
        }, millis, TimeUnit.MILLISECONDS);
        return a;
    }

    /** A pending timer. */
    static final class Armed {
        private volatile ScheduledFuture<?> future;
        private volatile boolean fired;

        /** Cancels the timer; true if it had already fired (the target is closed). */
        boolean disarm() {
            future.cancel(false);
            return fired;
        }
    }
}
