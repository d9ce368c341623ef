package org.pleura.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.pleura.server.PleuraServer;
import org.pleura.server.work.JobEvents;

/**
 * Waits for what a server's jobs do (analyses, sendings) without sleeping: the condition is checked, then the test
 * blocks until the next job attempt ends ({@link JobEvents}) and checks again. The timeout only guards against a hang.
 */
public final class Jobs {

    private Jobs() {
    }

    /** {@link #await(PleuraServer, Duration, String, BooleanSupplier)} on a test's node. */
    public static void await(TestNode node, Duration timeout, String what, BooleanSupplier condition)
            throws InterruptedException {
        await(node.pleura(), timeout, what, condition);
    }

    /** Blocks until the condition holds, re-checked after each job attempt that ends; fails after {@code timeout}. */
    public static void await(PleuraServer server, Duration timeout, String what, BooleanSupplier condition)
            throws InterruptedException {
        JobEvents events = server.jobEvents();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = events.ended();
            if (condition.getAsBoolean()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || events.awaitMoreThan(seen, Duration.ofNanos(left)) == seen) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + " ("
                        + events.ended() + " job attempts ended)");
            }
        }
    }
}
