package org.pleura.train.eval.report;

import static org.pleura.train.eval.report.Html.DASH;
import static org.pleura.train.eval.report.Html.esc;
import static org.pleura.train.eval.report.Html.num;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.pleura.train.eval.Calibration;
import org.pleura.train.eval.EvaluationResult;
import org.pleura.train.eval.FindingEvaluation;
import org.pleura.train.eval.LocalisationStats;
import org.pleura.train.eval.OperatingPointResult;

/**
 * Writes {@code report.html}: one self-contained page (inline CSS and SVG; no script, no external font,
 * image or style sheet, so it opens offline and can be archived as is) with the model and data, the "aid,
 * not a diagnosis" notice, a table of discrimination and calibration per finding, the operating points,
 * a ROC curve and a reliability diagram per finding, localisation when boxes were given, the caveats that
 * apply to these numbers, and how they were computed.
 */
public final class HtmlReport {

  /** The file name in an evaluation folder. */
  public static final String FILE_NAME = "report.html";

  /** Below this many positives the report warns that the AUROC interval is wide. */
  static final int FEW_POSITIVES = 30;

  /**
   * Below this many positives (or negatives) the AUROC is marked as anecdotal: a bootstrap that keeps the
   * class counts cannot show how different other positives would have been, so its interval is too narrow.
   */
  static final int VERY_FEW = 10;

  private static final String CSS = """
      :root{--ink:#1d232b;--muted:#5b6570;--line:#d9dee3;--accent:#1f5fa8;--warn:#9a5b00;--bg:#f6f8fa}
      *{box-sizing:border-box}
      body{font-family:"DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif;color:var(--ink);margin:0;
        background:#fff;font-size:14px;line-height:1.45}
      main{max-width:1120px;margin:0 auto;padding:24px 28px 48px}
      h1{font-size:24px;margin:0 0 4px}
      h2{font-size:18px;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
      h3{font-size:15px;margin:0 0 6px}
      .sub{color:var(--muted);margin:0}
      .notice{border-left:5px solid var(--warn);background:#fff6e5;padding:10px 14px;margin:18px 0}
      .kpis{display:flex;gap:14px;flex-wrap:wrap;margin:14px 0}
      .kpi{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:170px}
      .kpi b{display:block;font-size:22px}
      .kpi span{color:var(--muted);font-size:12px}
      table{border-collapse:collapse;width:100%;margin:6px 0 4px}
      th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:right;vertical-align:top}
      th{background:var(--bg);font-weight:600;font-size:13px}
      th:first-child,td:first-child{text-align:left}
      td.l,th.l{text-align:left}
      tr.study td{border-top:2px solid var(--line);font-weight:600}
      .n{color:var(--muted);font-size:12px}
      .na{color:var(--muted)}
      .grid{stroke:#eceff2;stroke-width:1}
      .frame{fill:none;stroke:#9aa4ae;stroke-width:1}
      .tick{font-size:10px;fill:var(--muted)}
      .axis{font-size:11px;fill:var(--ink)}
      .chance{stroke:#9aa4ae;stroke-dasharray:4 4;stroke-width:1}
      .roc{fill:none;stroke:var(--accent);stroke-width:2}
      .op-doubtful{fill:#f0a030;stroke:#7a4a00;stroke-width:1}
      .op-positive{fill:#c8102e;stroke:#5a0010;stroke-width:1}
      .bin{fill:#cfe0f3;stroke:#8fb3da;stroke-width:1}
      .calib{fill:none;stroke:var(--accent);stroke-width:1.5}
      .calib-dot{fill:var(--accent)}
      .count{font-size:9px;fill:var(--muted)}
      .empty{font-size:11px;fill:var(--muted)}
      .cards{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px}
      .card{border:1px solid var(--line);border-radius:6px;padding:10px 12px;break-inside:avoid}
      .card .charts{display:flex;gap:6px}
      .card .charts svg{flex:1 1 0;min-width:0;width:50%;height:auto}
      .legend{font-size:12px;color:var(--muted);margin:6px 0 0}
      .sw{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;vertical-align:-1px}
      ul.caveats li{margin-bottom:6px}
      footer{margin-top:36px;color:var(--muted);font-size:12px}
      @media print{.card{page-break-inside:avoid}}
      """;

  private HtmlReport() {}

  /**
   * @param file where to write
   * @param r the metrics
   * @throws IOException when the file cannot be written
   */
  public static void write(Path file, EvaluationResult r) throws IOException {
    Files.writeString(file, render(r), StandardCharsets.UTF_8);
  }

  /** @return the whole page */
  public static String render(EvaluationResult r) {
    StringBuilder h = new StringBuilder(64 * 1024);
    String model = r.model().id() + " " + r.model().version();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Pleura evaluation \u2014 ").append(esc(model)).append("</title>\n<style>")
        .append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
    header(h, r, model);
    summary(h, r);
    dataSection(h, r);
    discrimination(h, r);
    ShortcutSections.burden(h, r);
    ShortcutSections.subgroups(h, r);
    ShortcutSections.audit(h, r);
    operatingPoints(h, r);
    charts(h, r);
    r.localisation().ifPresent(loc -> localisation(h, r, loc.perFinding(), loc.overall()));
    froc(h, r);
    caveats(h, r);
    methods(h, r);
    h.append("<footer>Generated by Pleura on ").append(esc(timestamp(r))).append(". Scores per image are in ")
        .append("<code>predictions.csv</code>; every number on this page is in <code>metrics.json</code>.</footer>\n");
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static String timestamp(EvaluationResult r) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(r.generated());
  }

  private static void header(StringBuilder h, EvaluationResult r, String model) {
    h.append("<h1>Pleura evaluation report</h1>\n<p class=\"sub\">Model <b>").append(esc(model)).append("</b>");
    for (Map.Entry<String, Object> e : r.model().details().entrySet()) {
      if (e.getValue() instanceof String || e.getValue() instanceof Number || e.getValue() instanceof Boolean) {
        h.append(" \u00b7 ").append(esc(e.getKey().replace('_', ' '))).append(" ").append(esc(String.valueOf(e.getValue())));
      }
    }
    h.append(" \u00b7 ").append(esc(timestamp(r))).append("</p>\n");
    h.append("<div class=\"notice\"><b>Pleura is an aid to the reader, not a diagnosis.</b> These figures describe ")
        .append("how the model's scores agree with the labels of this data set. They do not replace a ")
        .append("radiologist's reading, and they hold only for images like these (see the caveats below).</div>\n");
  }

  private static void summary(StringBuilder h, EvaluationResult r) {
    h.append("<div class=\"kpis\">");
    kpi(h, num(r.meanAuroc(), 3), "mean AUROC over " + r.meanAurocOver().size() + " finding"
        + (r.meanAurocOver().size() == 1 ? "" : "s") + " with both classes");
    kpi(h, num(r.abnormal().auroc(), 3), "abnormal AUROC " + Html.interval(r.abnormal().aurocCi95(), 3)
        .replace(DASH, "(no interval)"));
    kpi(h, String.valueOf(r.data().evaluatedImages()), "images evaluated" + (r.data().skipped().isEmpty() ? ""
        : ", " + r.data().skipped().size() + " skipped"));
    h.append("</div>\n");
  }

  private static void kpi(StringBuilder h, String value, String label) {
    h.append("<div class=\"kpi\"><b>").append(value).append("</b><span>").append(esc(label)).append("</span></div>");
  }

  private static void dataSection(StringBuilder h, EvaluationResult r) {
    var d = r.data();
    h.append("<h2>Data</h2>\n<table><tbody>\n");
    row(h, "Manifest", "<code>" + esc(d.manifest().toString()) + "</code>");
    row(h, "Images in the manifest", String.valueOf(d.manifestImages()));
    row(h, "Images selected", d.selectedImages() + " (" + esc(d.subset()) + ")");
    row(h, "Images evaluated", String.valueOf(d.evaluatedImages()));
    if (!d.skipped().isEmpty()) {
      StringBuilder s = new StringBuilder();
      int k = 0;
      for (Map.Entry<String, String> e : d.skipped().entrySet()) {
        if (k++ == 20) {
          s.append("\u2026 and ").append(d.skipped().size() - 20).append(" more (all in metrics.json)");
          break;
        }
        s.append("<code>").append(esc(e.getKey())).append("</code>: ").append(esc(e.getValue())).append("<br>");
      }
      row(h, "Images skipped (" + d.skipped().size() + ")", s.toString());
    }
    if (d.boxesFile() != null) {
      row(h, "True boxes", d.trueBoxes() + " on evaluated images, from <code>" + esc(d.boxesFile().toString()) + "</code>");
    }
    h.append("</tbody></table>\n");
  }

  private static void row(StringBuilder h, String label, String valueHtml) {
    h.append("<tr><th class=\"l\" style=\"width:230px\">").append(esc(label)).append("</th><td class=\"l\">")
        .append(valueHtml).append("</td></tr>\n");
  }

  private static List<FindingEvaluation> allOutputs(EvaluationResult r) {
    List<FindingEvaluation> all = new ArrayList<>(r.findings());
    all.add(r.abnormal());
    return all;
  }

  private static void discrimination(StringBuilder h, EvaluationResult r) {
    h.append("<h2>Discrimination and calibration</h2>\n<table>\n<thead><tr><th>Finding</th><th>Positives</th>")
        .append("<th>Negatives</th><th>Unknown</th><th>AUROC</th><th>95% CI</th><th>ECE</th></tr></thead>\n<tbody>\n");
    for (FindingEvaluation f : allOutputs(r)) {
      boolean study = f == r.abnormal();
      h.append(study ? "<tr class=\"study\">" : "<tr>").append("<td>").append(esc(f.name()))
          .append(study ? " <span class=\"n\">(vs no_finding)</span>" : "").append("</td><td>")
          .append(f.counts().positives()).append("</td><td>").append(f.counts().negatives()).append("</td><td>")
          .append(f.counts().unknown()).append("</td><td>");
      if (f.auroc().isPresent()) {
        h.append("<b>").append(num(f.auroc(), 3)).append("</b>").append(veryFew(f) ? "†" : "");
      } else {
        h.append("<span class=\"na\" title=\"needs at least one positive and one negative\">n/a</span>");
      }
      h.append("</td><td>").append(Html.interval(f.aurocCi95(), 3)).append("</td><td>")
          .append(num(f.calibration().map(c -> OptionalDouble.of(c.ece())).orElse(OptionalDouble.empty()), 3))
          .append("</td></tr>\n");
    }
    h.append("<tr class=\"study\"><td>Mean over findings</td><td colspan=\"3\" class=\"n\">")
        .append(r.meanAurocOver().size()).append(" of ").append(r.findings().size())
        .append(" findings have both classes</td><td><b>").append(num(r.meanAuroc(), 3))
        .append("</b></td><td class=\"na\">").append(DASH).append("</td><td></td></tr>\n");
    h.append("</tbody></table>\n<p class=\"legend\">n/a: the AUROC is undefined when a finding has no positive or ")
        .append("no negative image here. \u2020: fewer than ").append(VERY_FEW).append(" positives or negatives; ")
        .append("the AUROC is anecdotal and its interval too narrow (resampling the same few positives cannot show ")
        .append("how other positives would have scored). Unknown labels are left out of that finding's figures.</p>\n");
  }

  private static boolean veryFew(FindingEvaluation f) {
    return f.counts().positives() < VERY_FEW || f.counts().negatives() < VERY_FEW;
  }

  private static void operatingPoints(StringBuilder h, EvaluationResult r) {
    h.append("<h2>Operating points</h2>\n<p class=\"sub\">The model's own thresholds, chosen on its validation ")
        .append("data (see its model card), applied unchanged to these images. Sensitivity and specificity of ")
        .append("<i>doubtful</i> are those of \"doubtful or positive\"; of <i>positive</i>, those of \"positive\". A score at or above the threshold is called. ")
        .append("Numbers in brackets are counts; 95% Wilson intervals are in metrics.json.</p>\n")
        .append("<table>\n<thead><tr><th>Finding</th><th class=\"l\">Point</th><th>Threshold</th><th>Sensitivity</th>")
        .append("<th>Specificity</th><th>PPV</th><th>NPV</th><th>Validation sens. / spec.</th></tr></thead>\n<tbody>\n");
    for (FindingEvaluation f : allOutputs(r)) {
      if (f.operatingPoints().isEmpty()) {
        h.append("<tr><td>").append(esc(f.name())).append("</td><td class=\"l na\" colspan=\"7\">")
            .append(r.notValidated().contains(f.id()) ? "not validated for calls: the model shows its score and never "
                + "calls it" : "the model has no thresholds for this output").append("</td></tr>\n");
        continue;
      }
      boolean first = true;
      for (OperatingPointResult op : f.operatingPoints()) {
        h.append("<tr>").append("<td>").append(first ? esc(f.name()) : "").append("</td><td class=\"l\">")
            .append(op.name()).append("</td><td>").append(Html.fixed(op.threshold().threshold(), 3))
            .append("</td><td>").append(Html.proportion(op.counts().sensitivity())).append("</td><td>")
            .append(Html.proportion(op.counts().specificity())).append("</td><td>")
            .append(Html.proportion(op.counts().ppv())).append("</td><td>")
            .append(Html.proportion(op.counts().npv())).append("</td><td>")
            .append(num(op.threshold().validationSensitivity(), 2)).append(" / ")
            .append(num(op.threshold().validationSpecificity(), 2)).append("</td></tr>\n");
        first = false;
      }
    }
    h.append("</tbody></table>\n");
  }

  private static void charts(StringBuilder h, EvaluationResult r) {
    h.append("<h2>ROC curves and reliability diagrams</h2>\n<p class=\"legend\">ROC: ")
        .append("<span class=\"sw\" style=\"background:#1f5fa8\"></span>curve")
        .append("<span class=\"sw\" style=\"background:#f0a030;border-radius:5px\"></span>doubtful threshold")
        .append("<span class=\"sw\" style=\"background:#c8102e\"></span>positive threshold")
        .append("; dashed: chance. Reliability: bars are the observed positive rate per score bin (n: images in the bin, ")
        .append("under the axis), dots sit at the bin's mean score; dashed: perfect calibration.</p>\n<div class=\"cards\">\n");
    for (FindingEvaluation f : allOutputs(r)) {
      h.append("<div class=\"card\"><h3>").append(esc(f.name())).append(" <span class=\"n\">")
          .append(f.counts().positives()).append(" pos / ").append(f.counts().negatives()).append(" neg \u00b7 AUROC ")
          .append(f.auroc().isPresent() ? num(f.auroc(), 3) + (veryFew(f) ? "†" : "") + " ["
              + Html.interval(f.aurocCi95(), 3) + "]" : "n/a")
          .append(" \u00b7 ECE ")
          .append(num(f.calibration().map(c -> OptionalDouble.of(c.ece())).orElse(OptionalDouble.empty()), 3))
          .append("</span></h3>\n<div class=\"charts\">").append(RocChart.svg(f)).append(ReliabilityChart.svg(f))
          .append("</div></div>\n");
    }
    h.append("</div>\n");
  }

  private static void localisation(StringBuilder h, EvaluationResult r, List<LocalisationStats> per,
      LocalisationStats all) {
    Map<String, String> names = new java.util.HashMap<>();
    r.findings().forEach(f -> names.put(f.id(), f.name()));
    h.append("<h2>Localisation</h2>\n<p class=\"sub\">Only images with a radiologist's box for the finding count. ")
        .append("Peak hit: the hottest point of the finding's heat map lies inside one of its true boxes. ")
        .append("IoU: for each true box, the best overlap with a box the model drew for that finding on that image ")
        .append("(0 when it drew none, e.g. because its score was below the doubtful threshold).</p>\n")
        .append("<table>\n<thead><tr><th>Finding</th><th>Images</th><th>Peak hit rate</th><th>True boxes</th>")
        .append("<th>With a predicted box</th><th>Mean best IoU</th><th>IoU \u2265 0.1</th><th>IoU \u2265 0.25</th>")
        .append("<th>IoU \u2265 0.5</th></tr></thead>\n<tbody>\n");
    List<LocalisationStats> rows = new ArrayList<>(per);
    rows.add(all);
    for (LocalisationStats s : rows) {
      h.append(s == all ? "<tr class=\"study\">" : "<tr>").append("<td>").append(esc(s == all ? "All findings" : names.getOrDefault(s.finding(), s.finding())))
          .append("</td><td>").append(s.peakHits().trials()).append("</td><td>").append(Html.proportion(s.peakHits()))
          .append(s.missingPeaks() > 0 ? " <span class=\"n\">" + s.missingPeaks() + " without a peak</span>" : "")
          .append("</td><td>").append(s.trueBoxes()).append("</td><td>").append(s.boxesWithPrediction())
          .append("</td><td>").append(num(s.meanBestIou(), 3)).append("</td><td>")
          .append(Html.proportion(s.iouAtLeast10())).append("</td><td>").append(Html.proportion(s.iouAtLeast25()))
          .append("</td><td>").append(Html.proportion(s.iouAtLeast50())).append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void froc(StringBuilder h, EvaluationResult r) {
    if (r.froc().isEmpty()) {
      return;
    }
    Map<String, String> names = new java.util.HashMap<>();
    r.findings().forEach(f -> names.put(f.id(), f.name()));
    h.append("<h2>Boxes: FROC</h2>\n<p class=\"sub\">Every box the model gives, called or not, ranked by score. A box ")
        .append("<b>hits</b> a true box when its centre lies inside the true box or their IoU is at least ")
        .append(org.pleura.train.eval.Froc.MIN_IOU).append("; several boxes on one true box count once. ")
        .append("Sensitivity: the share of true boxes hit; false positives: boxes hitting no true box, per image ")
        .append("(all evaluated images, with and without true boxes).</p>\n<table>\n<thead><tr><th>Finding</th>")
        .append("<th>Images</th><th>True boxes</th><th>Boxes</th>");
    for (double rate : org.pleura.train.eval.Froc.FP_RATES) {
      h.append("<th>Sens. at ").append(rate).append(" FP/image</th>");
    }
    h.append("<th>Doubtful: sens. / FP per image</th><th>Positive: sens. / FP per image</th></tr></thead>\n<tbody>\n");
    for (var c : r.froc()) {
      h.append("<tr><td>").append(esc(names.getOrDefault(c.finding(), c.finding()))).append("</td><td>")
          .append(c.images()).append("</td><td>").append(c.trueBoxes()).append("</td><td>").append(c.boxes())
          .append("</td>");
      c.sensitivityAt().values().forEach(v -> h.append("<td>").append(Html.fixed(v, 3)).append("</td>"));
      for (String op : List.of("doubtful", "positive")) {
        var p = c.operatingPoints().get(op);
        h.append("<td>").append(p == null ? DASH : Html.fixed(p.sensitivity(), 3) + " / "
            + Html.fixed(p.falsePositivesPerImage(), 2)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n<div class=\"cards\">");
    for (var c : r.froc()) {
      h.append("<div class=\"card\"><h3>").append(esc(names.getOrDefault(c.finding(), c.finding())))
          .append(" <span class=\"n\">").append(c.trueBoxes()).append(" true boxes on ").append(c.images())
          .append(" images</span></h3><div class=\"charts\">").append(FrocChart.svg(c, c.finding()))
          .append("</div></div>\n");
    }
    h.append("</div>\n");
  }

  private static void caveats(StringBuilder h, EvaluationResult r) {
    h.append("<h2>Caveats</h2>\n<ul class=\"caveats\">\n");
    if (r.data().trainSplitImages() > 0) {
      h.append("<li><b>Training images included.</b> ").append(r.data().trainSplitImages())
          .append(" of the evaluated images are in the manifest's <code>train</code> split. If the model was ")
          .append("trained on this manifest these figures are optimistic; evaluate the <code>test</code> split ")
          .append("(<code>--split test</code>) for an honest estimate.</li>\n");
    }
    h.append("<li><b>Labels are not ground truth.</b> The figures measure agreement with the manifest's labels. ")
        .append("Labels text-mined from reports (as in NIH ChestX-ray14, with roughly 10\u201320% errors per ")
        .append("finding) cap the measurable AUROC and blur calibration; a better model can look worse against ")
        .append("noisy labels.</li>\n");
    List<String> few = new ArrayList<>();
    for (FindingEvaluation f : allOutputs(r)) {
      if (f.auroc().isPresent() && f.counts().positives() < FEW_POSITIVES) {
        few.add(f.name() + " (" + f.counts().positives() + ")");
      }
    }
    h.append("<li><b>Small numbers give wide intervals.</b> Read the 95% interval, not the point estimate. ");
    if (!few.isEmpty()) {
      h.append("Fewer than ").append(FEW_POSITIVES).append(" positives here: ").append(esc(String.join(", ", few)))
          .append("; their AUROCs and sensitivities can move by 0.1 or more on another sample.");
    }
    h.append("</li>\n");
    List<String> none = new ArrayList<>();
    for (FindingEvaluation f : allOutputs(r)) {
      if (f.auroc().isEmpty()) {
        none.add(f.name());
      }
    }
    if (!none.isEmpty()) {
      h.append("<li><b>Not evaluated:</b> ").append(esc(String.join(", ", none)))
          .append(" (no positive or no negative label among the evaluated images).</li>\n");
    }
    h.append("<li><b>PPV and NPV depend on prevalence.</b> They hold for this set's prevalence, which is unlikely ")
        .append("to be a hospital's; sensitivity and specificity transfer better.</li>\n")
        .append("<li><b>Thresholds come from validation data.</b> On new images the sensitivity and specificity ")
        .append("they give drift from the validation figures (last column of the operating points table).</li>\n")
        .append("<li><b>Patients as the manifest knows them.</b> The bootstrap resamples patients with all their ")
        .append("images, by the manifest's <code>patient_id</code>; images of one patient under different ids ")
        .append("(FracAtlas has none: its ids group exact copies only) still count as independent, and the ")
        .append("intervals are then somewhat too narrow.</li>\n")
        .append("<li><b>Scope.</b> The model reads frontal chest radiographs like those it was trained on; other ")
        .append("views, children, devices, and populations or hospitals unlike the training data may behave differently.</li>\n")
        .append("</ul>\n");
  }

  private static void methods(StringBuilder h, EvaluationResult r) {
    h.append("<h2>Methods</h2>\n<ul>\n")
        .append("<li>AUROC: the Mann-Whitney statistic (share of positive\u2013negative pairs ranked correctly, ties ")
        .append("counting one half), equal to the trapezoidal area under the ROC curve.</li>\n")
        .append("<li>95% CI of the AUROC: ").append(esc(r.bootstrap().describe()))
        .append(r.bootstrap().stratified() ? ", patients with a positive image and the others resampled separately"
            : "")
        .append("; the 2.5th and 97.5th percentiles of the resampled AUROCs.</li>\n")
        .append("<li>Operating points: a score at or above the threshold is called; sensitivity, specificity, PPV ")
        .append("and NPV with Wilson score intervals (in metrics.json).</li>\n")
        .append("<li>ECE: ").append(Calibration.DEFAULT_BINS).append(" equal-width score bins over [0, 1]; the ")
        .append("image-weighted mean of |mean score \u2212 observed positive rate| per bin.</li>\n")
        .append("<li>Abnormal: the study-level score against <code>no_finding = 0</code>. Mean AUROC: unweighted mean ")
        .append("over findings whose AUROC is defined.</li>\n</ul>\n");
  }
}
