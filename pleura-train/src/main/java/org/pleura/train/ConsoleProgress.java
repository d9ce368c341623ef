package org.pleura.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A progress bar on a terminal stream (stderr): during an epoch one line redrawn in place with the bar, the
 * smoothed loss, images per second and the time left for the epoch and for the whole run (if it runs all its
 * epochs); after each epoch one line with the validation AUROCs.
 */
public final class ConsoleProgress implements ProgressListener {

    private static final int BAR = 24;

    private final PrintStream out;
    private final int batchSize;
    private double smoothedLoss = Double.NaN;
    private long lastDraw;
    private double lastEpochSeconds = Double.NaN;

    /** @param out usually {@code System.err}; {@code batchSize} converts images/s to the time left */
    public ConsoleProgress(PrintStream out, int batchSize) {
        this.out = out;
        this.batchSize = batchSize;
    }

    @Override
    public void message(String text) {
        out.println(text);
    }

    @Override
    public void caching(int done, int total) {
        long now = System.nanoTime();
        if (done == total || now - lastDraw > 250_000_000L) {
            lastDraw = now;
            out.printf(Locale.ROOT, "\rcaching images %s %d/%d", bar(done, total), done, total);
            if (done == total) {
                out.println();
            }
            out.flush();
        }
    }

    @Override
    public void step(int epoch, int epochs, int batch, int batches, double loss, double imagesPerSecond) {
        smoothedLoss = Double.isNaN(smoothedLoss) ? loss : 0.9 * smoothedLoss + 0.1 * loss;
        long now = System.nanoTime();
        if (batch != batches && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double epochLeft = imagesPerSecond > 0 ? (batches - batch) * (double) batchSize / imagesPerSecond : Double.NaN;
        double perEpoch = !Double.isNaN(lastEpochSeconds) ? lastEpochSeconds
                : imagesPerSecond > 0 ? batches * (double) batchSize / imagesPerSecond : Double.NaN;
        double runLeft = epochLeft + (epochs - epoch) * perEpoch;
        out.printf(Locale.ROOT, "\repoch %d/%d %s %d/%d  loss %.4f  %.1f img/s  ETA epoch %s, run %s   ",
                epoch, epochs, bar(batch, batches), batch, batches, smoothedLoss, imagesPerSecond,
                duration(epochLeft), duration(runLeft));
        out.flush();
    }

    @Override
    public void epoch(EpochReport r, int epochs) {
        lastEpochSeconds = r.seconds();
        StringBuilder sb = new StringBuilder();
        Map<String, Double> sorted = new TreeMap<>(r.valAuroc());
        sorted.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.3f", k, v)));
        out.printf(Locale.ROOT, "%nepoch %d/%d done in %s: train loss %.4f, val mean AUROC %.4f, selection figure %.4f%s, "
                        + "lr %.2e%n  val AUROC:%s%n",
                r.epoch(), epochs, duration(r.seconds()), r.trainLoss(), r.valMeanAuroc(), r.selectionScore(),
                r.improved() ? " (best so far)" : "", r.learningRate(), sb);
        out.flush();
    }

    private static String bar(int done, int total) {
        int filled = total == 0 ? BAR : (int) ((long) BAR * done / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }

    /** {@code 1h02m}, {@code 3m05s}, {@code 42s}, or {@code ?} when unknown. */
    static String duration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds) || seconds < 0) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
