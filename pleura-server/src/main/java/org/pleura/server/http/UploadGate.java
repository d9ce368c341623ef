package org.pleura.server.http;

import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

/**
 * Admits HTTP uploads so that no client can starve the others, checking what it can at the headers, before a byte
 * of the body is read:
 * <ol>
 *   <li>a declared {@code Content-Length} over the largest object accepted: 413 at once (and the connection is
 *       closed, so the body is never read);</li>
 *   <li>more than {@code perClient} uploads at once from one client address: 429 with {@code Retry-After};</li>
 *   <li>more than {@code max} uploads at once in all: 503 with {@code Retry-After}.</li>
 * </ol>
 * While the body arrives ({@link Slot#body}), an upload that has run for more than {@value #GRACE_MS} ms and has
 * averaged less than {@code minBytesPerSecond} since it started is cut (408): trickling a byte now and then cannot
 * hold a slot for long. (A client that sends nothing at all is closed by the connection's idle timeout.) Time comes
 * from the injected clock.
 */
public final class UploadGate {

    /** How long an upload may run before its rate is checked. */
    static final long GRACE_MS = 10_000;

    private final Semaphore slots;
    private final int max;
    private final int perClient;
    private final long minBytesPerSecond;
    private final LongSupplier clock;
    private final Map<String, Integer> byClient = new HashMap<>();

    /** {@code max} uploads at once, two per client, at least 1 KiB/s, on the system clock. */
    public UploadGate(int max) {
        this(max, 2, 1024, System::currentTimeMillis);
    }

    /**
     * @param max               uploads at once in all
     * @param perClient         uploads at once from one client address
     * @param minBytesPerSecond slowest average rate accepted after the first {@value #GRACE_MS} ms (0: no check)
     * @param clock             epoch milliseconds
     */
    public UploadGate(int max, int perClient, long minBytesPerSecond, LongSupplier clock) {
        this.max = max;
        this.perClient = perClient;
        this.minBytesPerSecond = minBytesPerSecond;
        this.clock = clock;
        this.slots = new Semaphore(max);
    }

    /**
     * A slot for the upload of this request; close it when done.
     *
     * @param maxBytes the largest body accepted
     * @throws ProblemException 413, 429 or 503 as above
     */
    public Slot enter(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw new ProblemException(413, "too-large", "upload of " + declared + " bytes is larger than the maximum "
                    + "of " + maxBytes + " bytes", Map.of("Connection", "close"));
        }
        String client = ctx.req().getRemoteAddr();
        synchronized (byClient) {
            int n = byClient.getOrDefault(client, 0);
            if (n >= perClient) {
                throw new ProblemException(429, "too-many-uploads-from-client", perClient + " uploads from this address "
                        + "are in progress; send one after the other", Map.of("Retry-After", "2"));
            }
            byClient.put(client, n + 1);
        }
        if (!slots.tryAcquire()) {
            leave(client);
            throw new ProblemException(503, "too-many-uploads", max + " uploads are in progress; try again shortly",
                    Map.of("Retry-After", "2"));
        }
        return new Slot(this, client, clock.getAsLong());
    }

    private void leave(String client) {
        synchronized (byClient) {
            byClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** A held upload slot. */
    public static final class Slot implements AutoCloseable {
        private final UploadGate gate;
        private final String client;
        private final long started;
        private boolean closed;

        private Slot(UploadGate gate, String client, long started) {
            this.gate = gate;
            this.client = client;
            this.started = started;
        }

        /** The request body, cut with {@link TooSlowException} when it arrives slower than the minimum rate. */
        public InputStream body(InputStream in) {
            return new FilterInputStream(in) {
                private long received;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = super.read(buf, off, len);
                    count(Math.max(0, n));
                    return n;
                }

                private void count(int n) throws TooSlowException {
                    received += n;
                    long elapsed = gate.clock.getAsLong() - started;
                    if (gate.minBytesPerSecond > 0 && elapsed > GRACE_MS
                            && received < gate.minBytesPerSecond * (elapsed / 1000)) {
                        throw new TooSlowException(received, elapsed, gate.minBytesPerSecond);
                    }
                }
            };
        }

        /** Gives the slot back. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                gate.slots.release();
                gate.leave(client);
            }
        }
    }

    /** An upload arriving slower than the minimum rate. */
    public static final class TooSlowException extends IOException {
        private static final long serialVersionUID = 1L;

        TooSlowException(long received, long elapsedMillis, long minBytesPerSecond) {
            super("upload too slow: " + received + " bytes in " + elapsedMillis / 1000 + " s, less than "
                    + minBytesPerSecond + " bytes per second");
        }

        /** The answer: 408, and the connection closed. */
        public ProblemException problem() {
            return new ProblemException(408, "too-slow", getMessage(), Map.of("Connection", "close"));
        }
    }

    /** Uploads in progress. */
    public int inProgress() {
        return max - slots.availablePermits();
    }
}
