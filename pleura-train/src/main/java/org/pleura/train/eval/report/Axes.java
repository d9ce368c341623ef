package org.pleura.train.eval.report;

import static org.pleura.train.eval.report.Html.c;

/** The square [0, 1] x [0, 1] frame, grid, ticks and axis titles shared by the charts. */
final class Axes {

  private Axes() {}

  static void frame(StringBuilder s, int left, int top, int size, String xTitle, String yTitle) {
    for (int k = 0; k <= 4; k++) {
      double v = k / 4.0;
      double gx = left + v * size;
      double gy = top + (1 - v) * size;
      s.append("<line class=\"grid\" x1=\"").append(c(gx)).append("\" y1=\"").append(top).append("\" x2=\"")
          .append(c(gx)).append("\" y2=\"").append(top + size).append("\"/>");
      s.append("<line class=\"grid\" x1=\"").append(left).append("\" y1=\"").append(c(gy)).append("\" x2=\"")
          .append(left + size).append("\" y2=\"").append(c(gy)).append("\"/>");
      String label = k == 0 ? "0" : k == 4 ? "1" : Html.fixed(v, 2);
      s.append("<text class=\"tick\" x=\"").append(c(gx)).append("\" y=\"").append(top + size + 14)
          .append("\" text-anchor=\"middle\">").append(label).append("</text>");
      s.append("<text class=\"tick\" x=\"").append(left - 5).append("\" y=\"").append(c(gy + 3.5))
          .append("\" text-anchor=\"end\">").append(label).append("</text>");
    }
    s.append("<rect class=\"frame\" x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"")
        .append(size).append("\" height=\"").append(size).append("\"/>");
    s.append("<text class=\"axis\" x=\"").append(left + size / 2).append("\" y=\"").append(top + size + 46)
        .append("\" text-anchor=\"middle\">").append(Html.esc(xTitle)).append("</text>");
    s.append("<text class=\"axis\" transform=\"translate(11 ").append(top + size / 2)
        .append(") rotate(-90)\" text-anchor=\"middle\">").append(Html.esc(yTitle)).append("</text>");
  }
}
