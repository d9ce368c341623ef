package org.pleura.train.eval.report;

import static org.pleura.train.eval.report.Html.c;
import static org.pleura.train.eval.report.Html.esc;

import org.pleura.train.eval.Calibration;
import org.pleura.train.eval.FindingEvaluation;
import org.pleura.train.eval.ReliabilityBin;

/**
 * Draws a reliability diagram as inline SVG: for each non-empty score bin, the observed positive rate
 * (bar over the bin, and a dot at the bin's mean score) against the diagonal of perfect calibration, with
 * the number of images per bin printed inside the plot's foot.
 */
final class ReliabilityChart {

  static final int SIZE = RocChart.SIZE;
  static final int LEFT = RocChart.LEFT;
  static final int TOP = RocChart.TOP;

  private ReliabilityChart() {}

  static String svg(FindingEvaluation f) {
    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"chart\" viewBox=\"0 0 ").append(RocChart.WIDTH).append(' ').append(RocChart.HEIGHT)
        .append("\" width=\"").append(RocChart.WIDTH).append("\" height=\"").append(RocChart.HEIGHT)
        .append("\" role=\"img\" aria-label=\"reliability diagram of ").append(esc(f.name())).append("\">");
    Axes.frame(s, LEFT, TOP, SIZE, "mean score in bin", "observed positive rate");
    s.append("<line x1=\"").append(x(0)).append("\" y1=\"").append(y(0)).append("\" x2=\"").append(x(1))
        .append("\" y2=\"").append(y(1)).append("\" class=\"chance\"/>");
    if (f.calibration().isEmpty()) {
      s.append("<text x=\"").append(x(0.5)).append("\" y=\"").append(y(0.55))
          .append("\" class=\"empty\" text-anchor=\"middle\">no labelled images</text>");
    } else {
      Calibration cal = f.calibration().get();
      StringBuilder line = new StringBuilder();
      for (ReliabilityBin b : cal.bins()) {
        if (b.count() == 0) {
          continue;
        }
        double rate = b.observedRate().getAsDouble();
        double mean = b.meanScore().getAsDouble();
        s.append("<rect class=\"bin\" x=\"").append(c(x(b.lower()) + 1)).append("\" y=\"").append(c(y(rate)))
            .append("\" width=\"").append(c((b.upper() - b.lower()) * SIZE - 2)).append("\" height=\"")
            .append(c(rate * SIZE)).append("\"><title>scores ").append(Html.fixed(b.lower(), 1)).append('\u2013')
            .append(Html.fixed(b.upper(), 1)).append(": ").append(b.count()).append(" images, mean score ")
            .append(Html.fixed(mean, 3)).append(", observed rate ").append(Html.fixed(rate, 3))
            .append("</title></rect>");
        s.append("<text class=\"count\" x=\"").append(c(x((b.lower() + b.upper()) / 2))).append("\" y=\"")
            .append(TOP + SIZE + 27).append("\" text-anchor=\"middle\">").append(b.count()).append("</text>");
        line.append(c(x(mean))).append(',').append(c(y(rate))).append(' ');
      }
      s.append("<text class=\"count\" x=\"").append(LEFT - 5).append("\" y=\"").append(TOP + SIZE + 27)
          .append("\" text-anchor=\"end\">n</text>");
      s.append("<polyline class=\"calib\" points=\"").append(line).append("\"/>");
      for (ReliabilityBin b : cal.bins()) {
        if (b.count() > 0) {
          s.append("<circle class=\"calib-dot\" cx=\"").append(c(x(b.meanScore().getAsDouble()))).append("\" cy=\"")
              .append(c(y(b.observedRate().getAsDouble()))).append("\" r=\"3\"/>");
        }
      }
    }
    s.append("</svg>");
    return s.toString();
  }

  private static double x(double v) {
    return LEFT + v * SIZE;
  }

  private static double y(double v) {
    return TOP + (1 - v) * SIZE;
  }
}
