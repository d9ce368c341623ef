package org.pleura.server.queue;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how soon a job is tried again: exponential back-off from {@code firstDelay}, doubling at each
 * attempt up to {@code maxDelay}, with up to 20% random jitter (so that many jobs failing together do not retry
 * together), and at most {@code maxAttempts} attempts.
 *
 * @param maxAttempts attempts before the job fails for good
 * @param firstDelay  pause after the first failed attempt
 * @param maxDelay    longest pause
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** The pause after attempt number {@code attempt} (1 = the first) failed, without jitter. */
    public long baseDelayMillis(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        double d = firstDelay.toMillis() * Math.pow(2, doublings);
        return (long) Math.min(d, maxDelay.toMillis());
    }

    /** The pause after attempt {@code attempt} failed, with jitter (never more than {@code maxDelay}). */
    public long delayMillis(int attempt) {
        long base = baseDelayMillis(attempt);
        long jitter = (long) (base * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Math.min(base + jitter, maxDelay.toMillis());
    }

    /** True if attempt number {@code attempt} was the last one allowed. */
    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }
}
