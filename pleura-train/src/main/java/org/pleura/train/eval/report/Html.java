package org.pleura.train.eval.report;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.pleura.train.eval.Interval;
import org.pleura.train.eval.Proportion;

/** Escaping and number formatting shared by the HTML report and its SVG charts. */
final class Html {

  /** What a missing number shows. */
  static final String DASH = "\u2014";

  private Html() {}

  /** @return the text with {@code & < > " '} escaped */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** @return the number with the given decimals, or a dash */
  static String num(OptionalDouble v, int decimals) {
    return v.isPresent() && Double.isFinite(v.getAsDouble()) ? fixed(v.getAsDouble(), decimals) : DASH;
  }

  /** @return the number with the given decimals (locale-independent) */
  static String fixed(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** @return {@code [lo, hi]} with the given decimals, or a dash */
  static String interval(Optional<Interval> ci, int decimals) {
    return ci.map(i -> fixed(i.lower(), decimals) + "\u2013" + fixed(i.upper(), decimals)).orElse(DASH);
  }

  /** @return e.g. {@code 0.90 (27/30)}, or a dash when there are no trials */
  static String proportion(Proportion p) {
    return p.trials() == 0 ? DASH : fixed(p.estimate().getAsDouble(), 2) + " <span class=\"n\">(" + p.successes()
        + "/" + p.trials() + ")</span>";
  }

  /** @return an SVG coordinate with one decimal */
  static String c(double v) {
    return fixed(v, 1);
  }
}
