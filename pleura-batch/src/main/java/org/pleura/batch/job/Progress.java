package org.pleura.batch.job;

import java.time.Clock;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.spark.util.LongAccumulator;

/**
 * The progress line of a running chunk, every five seconds while the count of files seen changes: files seen out
 * of the chunk's, images per second and the time left. Spark merges the count as tasks finish, so the line moves in
 * steps of a partition.
 */
final class Progress implements AutoCloseable {

    private static final long PERIOD_MS = 5000;
    private final Thread thread;

    private Progress(Thread thread) {
        this.thread = thread;
    }

    static Progress start(LongAccumulator seen, long total, int chunk, int chunks, Clock clock, Consumer<String> out) {
        long t0 = clock.millis();
        Thread t = new Thread(() -> {
            long last = -1;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(PERIOD_MS);
                    long n = seen.value();
                    if (n != last && n > 0) {
                        double s = Math.max(1e-3, (clock.millis() - t0) / 1000.0);
                        double rate = n / s;
                        out.accept(String.format(Locale.ROOT, "pleura batch: chunk %d/%d: %d/%d files (%.0f %%), "
                                        + "%.1f files/s, about %.0f s left", chunk, chunks, n, total, 100.0 * n / total,
                                rate, (total - n) / rate));
                        last = n;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pleura-batch-progress");
        t.setDaemon(true);
        t.start();
        return new Progress(t);
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
