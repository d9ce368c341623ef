package org.pleura.train.eval.report;

import static org.pleura.train.eval.report.Html.c;
import static org.pleura.train.eval.report.Html.esc;

import java.util.List;
import org.pleura.train.eval.FindingEvaluation;
import org.pleura.train.eval.OperatingPointResult;
import org.pleura.train.eval.RocCurve;
import org.pleura.train.eval.RocPoint;

/**
 * Draws a ROC curve as inline SVG: 1 − specificity across, sensitivity up, the chance diagonal dashed, and
 * the model's operating points on the evaluated images marked (circle: doubtful, square: positive). Long
 * curves are thinned to points at least 1/500 of the axis apart, which the eye cannot tell from the full one.
 */
final class RocChart {

  static final int SIZE = 220;
  static final int LEFT = 44;
  static final int TOP = 12;
  static final int WIDTH = LEFT + SIZE + 14;
  static final int HEIGHT = TOP + SIZE + 52;

  private RocChart() {}

  static String svg(FindingEvaluation f) {
    StringBuilder s = new StringBuilder();
    s.append("<svg class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"ROC curve of ").append(esc(f.name())).append("\">");
    Axes.frame(s, LEFT, TOP, SIZE, "1 \u2212 specificity", "sensitivity");
    s.append("<line x1=\"").append(x(0)).append("\" y1=\"").append(y(0)).append("\" x2=\"").append(x(1))
        .append("\" y2=\"").append(y(1)).append("\" class=\"chance\"/>");
    if (f.roc().isEmpty()) {
      s.append("<text x=\"").append(x(0.5)).append("\" y=\"").append(y(0.55))
          .append("\" class=\"empty\" text-anchor=\"middle\">no ROC curve:</text><text x=\"").append(x(0.5))
          .append("\" y=\"").append(c(y(0.55) + 14)).append("\" class=\"empty\" text-anchor=\"middle\">")
          .append("one class only</text>");
    } else {
      s.append("<polyline class=\"roc\" points=\"");
      for (RocPoint p : thin(f.roc().get())) {
        s.append(c(x(p.falsePositiveRate()))).append(',').append(c(y(p.truePositiveRate()))).append(' ');
      }
      s.append("\"/>");
      for (OperatingPointResult op : f.operatingPoints()) {
        var sens = op.counts().sensitivity().estimate();
        var spec = op.counts().specificity().estimate();
        if (sens.isEmpty() || spec.isEmpty()) {
          continue;
        }
        double px = x(1 - spec.getAsDouble());
        double py = y(sens.getAsDouble());
        String title = "<title>" + op.name() + " threshold " + Html.fixed(op.threshold().threshold(), 3)
            + ": sensitivity " + Html.fixed(sens.getAsDouble(), 2) + ", specificity "
            + Html.fixed(spec.getAsDouble(), 2) + "</title>";
        if (op.name().equals("doubtful")) {
          s.append("<circle class=\"op-doubtful\" cx=\"").append(c(px)).append("\" cy=\"").append(c(py))
              .append("\" r=\"5\">").append(title).append("</circle>");
        } else {
          s.append("<rect class=\"op-positive\" x=\"").append(c(px - 4.5)).append("\" y=\"").append(c(py - 4.5))
              .append("\" width=\"9\" height=\"9\">").append(title).append("</rect>");
        }
      }
    }
    s.append("</svg>");
    return s.toString();
  }

  static List<RocPoint> thin(RocCurve curve) {
    List<RocPoint> pts = curve.points();
    if (pts.size() <= 600) {
      return pts;
    }
    java.util.ArrayList<RocPoint> out = new java.util.ArrayList<>();
    RocPoint last = pts.get(0);
    out.add(last);
    for (int i = 1; i < pts.size() - 1; i++) {
      RocPoint p = pts.get(i);
      if (Math.abs(p.falsePositiveRate() - last.falsePositiveRate()) >= 0.002
          || Math.abs(p.truePositiveRate() - last.truePositiveRate()) >= 0.002) {
        out.add(p);
        last = p;
      }
    }
    out.add(pts.get(pts.size() - 1));
    return out;
  }

  private static double x(double v) {
    return LEFT + v * SIZE;
  }

  private static double y(double v) {
    return TOP + (1 - v) * SIZE;
  }
}
