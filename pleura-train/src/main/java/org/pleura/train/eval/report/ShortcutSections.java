package org.pleura.train.eval.report;

import static org.pleura.train.eval.report.Html.DASH;
import static org.pleura.train.eval.report.Html.esc;
import static org.pleura.train.eval.report.Html.num;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.pleura.train.eval.EvaluationResult;
import org.pleura.train.eval.FindingEvaluation;
import org.pleura.train.eval.ReaderBurden;
import org.pleura.train.eval.ShortcutAudit;
import org.pleura.train.eval.SubgroupEvaluation;

/**
 * The report's sections on what a pooled AUROC can hide: the calls a normal study gets (reader burden), the model
 * within subgroups, and the shortcut audit (what the metadata alone predicts).
 */
final class ShortcutSections {

  private ShortcutSections() {}

  /** Calls on normal studies. */
  static void burden(StringBuilder h, EvaluationResult r) {
    if (r.burden().isEmpty()) {
      return;
    }
    ReaderBurden b = r.burden().get();
    h.append("<h2>Calls on normal studies</h2>\n<p class=\"sub\">Every call on a normal study (<code>no_finding = 1</code>) ")
        .append("is a false alarm a reader has to dismiss. At the model's own operating points, over the findings it ")
        .append("calls (").append(esc(String.join(", ", b.calledFindings()))).append(")")
        .append(b.notValidated().isEmpty() ? "" : "; not validated for calls, so never called: "
            + esc(String.join(", ", b.notValidated())))
        .append(".</p>\n<div class=\"kpis\">");
    kpi(h, Html.proportion(b.withPositiveCall()), "normal studies with a positive call");
    kpi(h, Html.proportion(b.withAnyCall()), "normal studies with any call (positive or doubtful)");
    kpi(h, Html.fixed(b.positiveCallsPerStudy(), 2), "positive calls per normal study");
    kpi(h, Html.fixed(b.callsPerStudy(), 2), "calls of any kind per normal study");
    kpi(h, String.valueOf(b.normalStudies()), "normal studies evaluated");
    h.append("</div>\n");
  }

  /** The model within the groups of each column. */
  static void subgroups(StringBuilder h, EvaluationResult r) {
    if (r.subgroups().isEmpty()) {
      return;
    }
    h.append("<h2>Within subgroups</h2>\n<p class=\"sub\">AUROC (95% bootstrap CI) within each group. A pooled AUROC ")
        .append("can be high because the groups differ in prevalence and look; within a group that cannot help. ")
        .append("<b>Bold red</b>: more than ").append(ShortcutAudit.MARGIN).append(" below the pooled AUROC with at least ")
        .append(SubgroupEvaluation.MIN_PER_CLASS).append(" positives and negatives. Worst: the lowest such group.</p>\n");
    List<FindingEvaluation> outputs = new ArrayList<>(r.findings());
    outputs.add(r.abnormal());
    for (SubgroupEvaluation s : r.subgroups()) {
      h.append("<h3>").append(esc(s.grouping().column())).append(s.grouping().banded() ? " (bands)" : "")
          .append("</h3>\n<table>\n<thead><tr><th>Finding</th><th>pooled</th>");
      for (SubgroupEvaluation.Group g : s.groups()) {
        h.append("<th>").append(esc(g.value())).append(" <span class=\"n\">n=").append(g.images()).append("</span></th>");
      }
      h.append("<th>worst</th></tr></thead>\n<tbody>\n");
      for (FindingEvaluation f : outputs) {
        h.append("<tr><td>").append(esc(f.name())).append("</td><td>").append(num(f.auroc(), 3)).append("</td>");
        for (SubgroupEvaluation.Group g : s.groups()) {
          SubgroupEvaluation.Figures fig = g.outputs().get(f.id());
          h.append("<td>");
          if (fig == null || fig.auroc().isEmpty()) {
            h.append("<span class=\"na\">").append(DASH).append("</span>");
          } else {
            boolean low = fig.enough() && f.auroc().isPresent()
                && fig.auroc().getAsDouble() < f.auroc().getAsDouble() - ShortcutAudit.MARGIN;
            h.append(low ? "<b style=\"color:#c8102e\">" : "").append(num(fig.auroc(), 3)).append(low ? "</b>" : "")
                .append(fig.enough() ? "" : "\u2020").append(" <span class=\"n\">")
                .append(Html.interval(fig.aurocCi95(), 2)).append(" ").append(fig.counts().positives()).append("+/")
                .append(fig.counts().negatives()).append("\u2212</span>");
          }
          h.append("</td>");
        }
        SubgroupEvaluation.Worst w = s.worst().get(f.id());
        h.append("<td>").append(w == null ? "<span class=\"na\">" + DASH + "</span>"
            : esc(w.group()) + " " + Html.fixed(w.auroc(), 3)).append("</td></tr>\n");
      }
      h.append("</tbody></table>\n");
    }
    h.append("<p class=\"legend\">\u2020: fewer than ").append(SubgroupEvaluation.MIN_PER_CLASS)
        .append(" positives or negatives in the group: shown, not counted.</p>\n");
  }

  /** What the metadata alone predicts, beside the model. */
  static void audit(StringBuilder h, EvaluationResult r) {
    if (r.audit().isEmpty()) {
      return;
    }
    ShortcutAudit a = r.audit().get();
    h.append("<h2>Shortcut audit</h2>\n<p class=\"sub\">How well the metadata alone predicts each label, out of fold (")
        .append(ShortcutAudit.FOLDS).append(" folds by patient): per column, the positive rate of the image's group in ")
        .append("the other folds; all columns, a logistic regression on their one-hot groups (C = ").append(ShortcutAudit.C)
        .append("). When metadata comes within ").append(ShortcutAudit.MARGIN).append(" of the model, the model's ")
        .append("pooled figure may measure where the images come from rather than the finding.</p>\n<table>\n<thead>")
        .append("<tr><th>Finding</th><th>model</th>");
    for (String c : a.columns()) {
      h.append("<th>").append(esc(c)).append(" alone</th>");
    }
    h.append("<th>all columns</th></tr></thead>\n<tbody>\n");
    Map<String, String> names = new java.util.HashMap<>();
    r.findings().forEach(f -> names.put(f.id(), f.name()));
    names.put(r.abnormal().id(), r.abnormal().name());
    for (var e : a.outputs().entrySet()) {
      ShortcutAudit.OutputAudit o = e.getValue();
      h.append("<tr><td>").append(esc(names.getOrDefault(e.getKey(), e.getKey()))).append("</td><td><b>")
          .append(num(o.modelAuroc(), 3)).append("</b></td>");
      for (String c : a.columns()) {
        h.append("<td>").append(flag(o.byColumn().getOrDefault(c, OptionalDouble.empty()), o.modelAuroc()))
            .append("</td>");
      }
      h.append("<td>").append(flag(o.allColumns(), o.modelAuroc())).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
    if (a.warnings().isEmpty()) {
      h.append("<p>No warning: metadata stays more than ").append(ShortcutAudit.MARGIN)
          .append(" below the model and no group falls more than ").append(ShortcutAudit.MARGIN)
          .append(" below the pooled AUROC.</p>\n");
    } else {
      h.append("<div class=\"notice\"><b>").append(a.warnings().size()).append(" warning")
          .append(a.warnings().size() == 1 ? "" : "s").append("</b><ul>");
      for (String w : a.warnings()) {
        h.append("<li>").append(esc(w)).append("</li>");
      }
      h.append("</ul></div>\n");
    }
  }

  private static String flag(OptionalDouble meta, OptionalDouble model) {
    if (meta.isEmpty()) {
      return "<span class=\"na\">" + DASH + "</span>";
    }
    boolean close = model.isPresent() && meta.getAsDouble() >= model.getAsDouble() - ShortcutAudit.MARGIN;
    return (close ? "<b style=\"color:#c8102e\">" : "") + num(meta, 3) + (close ? "</b>" : "");
  }

  private static void kpi(StringBuilder h, String value, String label) {
    h.append("<div class=\"kpi\"><b>").append(value).append("</b><span>").append(esc(label)).append("</span></div>");
  }
}
