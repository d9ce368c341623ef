package org.pleura.train.eval.report;

import static org.pleura.train.eval.report.Html.c;
import static org.pleura.train.eval.report.Html.esc;

import org.pleura.train.eval.Froc;

/**
 * Draws a FROC curve as inline SVG: false positives per image across (0 to {@value #MAX_FP}), sensitivity up, the
 * model's operating points marked (circle: doubtful, square: positive) and the reported rates dashed.
 */
final class FrocChart {

  static final double MAX_FP = 4;
  private static final int SIZE = 220;
  private static final int LEFT = 44;
  private static final int TOP = 12;
  private static final int WIDTH = LEFT + SIZE + 14;
  private static final int HEIGHT = TOP + SIZE + 52;

  private FrocChart() {}

  static String svg(Froc.Curve f, String name) {
    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"")
        .append(WIDTH).append("\" height=\"").append(HEIGHT).append("\" role=\"img\" aria-label=\"FROC curve of ")
        .append(esc(name)).append("\">");
    Axes.frame(s, LEFT, TOP, SIZE, "false positives per image (0\u2013" + (int) MAX_FP + ")", "sensitivity");
    for (double rate : Froc.FP_RATES) {
      s.append("<line x1=\"").append(c(x(rate))).append("\" y1=\"").append(y(0)).append("\" x2=\"").append(c(x(rate)))
          .append("\" y2=\"").append(y(1)).append("\" class=\"chance\"/>");
    }
    s.append("<polyline class=\"roc\" points=\"").append(c(x(0))).append(',').append(c(y(0))).append(' ');
    double last = 0;
    for (Froc.Point p : f.curve()) {
      if (p.falsePositivesPerImage() > MAX_FP) {
        s.append(c(x(MAX_FP))).append(',').append(c(y(last))).append(' ');
        break;
      }
      s.append(c(x(p.falsePositivesPerImage()))).append(',').append(c(y(last))).append(' ');
      s.append(c(x(p.falsePositivesPerImage()))).append(',').append(c(y(p.sensitivity()))).append(' ');
      last = p.sensitivity();
    }
    s.append("\"/>");
    f.operatingPoints().forEach((op, p) -> {
      if (p.falsePositivesPerImage() > MAX_FP) {
        return;
      }
      String title = "<title>" + op + " threshold " + Html.fixed(p.threshold(), 3) + ": sensitivity "
          + Html.fixed(p.sensitivity(), 2) + " at " + Html.fixed(p.falsePositivesPerImage(), 2) + " FP/image</title>";
      if (op.equals("doubtful")) {
        s.append("<circle class=\"op-doubtful\" cx=\"").append(c(x(p.falsePositivesPerImage()))).append("\" cy=\"")
            .append(c(y(p.sensitivity()))).append("\" r=\"5\">").append(title).append("</circle>");
      } else {
        s.append("<rect class=\"op-positive\" x=\"").append(c(x(p.falsePositivesPerImage()) - 4)).append("\" y=\"")
            .append(c(y(p.sensitivity()) - 4)).append("\" width=\"8\" height=\"8\">").append(title).append("</rect>");
      }
    });
    s.append("</svg>");
    return s.toString();
  }

  private static double x(double fp) {
    return LEFT + SIZE * Math.min(fp, MAX_FP) / MAX_FP;
  }

  private static double y(double sens) {
    return TOP + SIZE * (1 - sens);
  }
}
