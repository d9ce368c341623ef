package org.pleura.train.eval.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place on a terminal stream (stderr): bar, count, images per second,
 * failures, and the time left; at most four redraws a second, and a final newline when done.
 */
public final class ConsoleProgressBar implements ScoringProgress {

  private static final int WIDTH = 28;

  private final PrintStream out;
  private final long start = System.nanoTime();
  private long lastDraw;

  /** @param out usually {@code System.err} */
  public ConsoleProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public void update(int done, int total, int failed) {
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 250_000_000L) {
      return;
    }
    lastDraw = now;
    double seconds = (now - start) / 1e9;
    double rate = seconds > 0 ? done / seconds : 0;
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
    String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
    String eta = rate > 0 && done < total ? duration((total - done) / rate) : done == total ? "done" : "?";
    out.printf(Locale.ROOT, "\rscoring [%s] %d/%d  %.1f img/s  %s%s   ", bar, done, total, rate,
        done == total ? "in " + duration(seconds) : "ETA " + eta, failed > 0 ? "  " + failed + " failed" : "");
    if (done == total) {
      out.println();
    }
    out.flush();
  }

  /** @return e.g. {@code 1h02m}, {@code 3m07s} or {@code 12s} */
  static String duration(double seconds) {
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
