package org.pleura.train.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.pleura.train.eval.Calibration;
import org.pleura.train.eval.ConfusionCounts;
import org.pleura.train.eval.EvaluationResult;
import org.pleura.train.eval.FindingEvaluation;
import org.pleura.train.eval.Interval;
import org.pleura.train.eval.LocalisationStats;
import org.pleura.train.eval.OperatingPointResult;
import org.pleura.train.eval.Proportion;
import org.pleura.train.eval.ReliabilityBin;
import org.pleura.train.eval.ShortcutAudit;
import org.pleura.train.eval.SubgroupEvaluation;

/**
 * Writes {@code metrics.json} (snake_case keys, numbers as JSON numbers, {@code null} where a value is
 * undefined, e.g. the AUROC of a finding without both classes):
 *
 * <pre>
 * {"model": {"id", "version", ...details},
 *  "data": {"manifest", "manifest_images", "subset", "selected_images", "evaluated_images", "train_split_images",
 *           "skipped": [{"path", "reason"}], "boxes", "true_boxes"},
 *  "method": {"auroc", "auroc_ci95", "bootstrap_resamples", "bootstrap_seed", "bootstrap_stratified", "bootstrap_unit", "ece_bins", "threshold_rule", "proportion_ci95"},
 *  "findings": {"&lt;id&gt;": {"name", "positives", "negatives", "unknown", "auroc", "auroc_ci95": [lo, hi],
 *               "operating_points": {"doubtful": {"threshold", "sensitivity", "specificity", "ppv", "npv",
 *                   "sensitivity_ci95", "specificity_ci95", "ppv_ci95", "npv_ci95", "tp", "fp", "tn", "fn",
 *                   "validation_sensitivity", "validation_specificity"}, "positive": {...}},
 *               "ece", "reliability": [{"lower", "upper", "count", "mean_score", "observed_rate"}]}},
 *  "abnormal": {same as a finding, plus "label": "no_finding = 0"},
 *  "mean_auroc", "mean_auroc_findings": [ids],
 *  "localisation": {"&lt;id&gt;" or "all": {"images", "peak_hits", "peak_hit_rate", "peak_hit_rate_ci95", "missing_peaks",
 *                   "true_boxes", "predicted_boxes", "true_boxes_with_prediction", "mean_best_iou",
 *                   "iou_at_least_0.1", "iou_at_least_0.25", "iou_at_least_0.5"}},
 *  "subgroups": {"&lt;column&gt;": {"banded", "groups": {"&lt;value&gt;": {"images", "outputs": {"&lt;id&gt;": {"positives",
 *                "negatives", "auroc", "auroc_ci95"}}}}, "worst": {"&lt;id&gt;": {"group", "auroc"}}}},
 *  "shortcut_audit": {"columns", "folds", "c", "margin", "outputs": {"&lt;id&gt;": {"model_auroc",
 *                "metadata_auroc": {"&lt;column&gt;", ..., "all_columns"}}}, "warnings": [...]},
 *  "reader_burden": {"normal_studies", "share_with_positive_call", "share_with_positive_call_ci95",
 *                "share_with_any_call", "share_with_any_call_ci95", "positive_calls_per_study", "calls_per_study",
 *                "called_findings", "not_validated"}}
 * </pre>
 *
 * <p>A finding the model does not call carries {@code "calls": "not_validated"} and no operating points.
 */
public final class MetricsJson {

  /** The file name in an evaluation folder. */
  public static final String FILE_NAME = "metrics.json";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MetricsJson() {}

  /**
   * @param file where to write
   * @param result the metrics
   * @throws IOException when the file cannot be written
   */
  public static void write(Path file, EvaluationResult result) throws IOException {
    JSON.writeValue(file.toFile(), toJson(result));
  }

  /** @return the JSON tree written by {@link #write} */
  public static ObjectNode toJson(EvaluationResult r) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode model = root.putObject("model");
    model.put("id", r.model().id());
    model.put("version", r.model().version());
    for (Map.Entry<String, Object> e : r.model().details().entrySet()) {
      model.set(e.getKey(), JSON.valueToTree(e.getValue()));
    }
    ObjectNode data = root.putObject("data");
    data.put("manifest", r.data().manifest().toString());
    data.put("manifest_images", r.data().manifestImages());
    data.put("subset", r.data().subset());
    data.put("selected_images", r.data().selectedImages());
    data.put("evaluated_images", r.data().evaluatedImages());
    data.put("train_split_images", r.data().trainSplitImages());
    ArrayNode skipped = data.putArray("skipped");
    r.data().skipped().forEach((path, reason) -> skipped.addObject().put("path", path).put("reason", reason));
    if (r.data().boxesFile() != null) {
      data.put("boxes", r.data().boxesFile().toString());
      data.put("true_boxes", r.data().trueBoxes());
    }
    ObjectNode method = root.putObject("method");
    method.put("auroc", "Mann-Whitney U / (n_pos * n_neg), ties count one half (= trapezoidal ROC area)");
    method.put("auroc_ci95", r.bootstrap().describe() + ": 2.5th and 97.5th percentiles, linear interpolation");
    method.put("bootstrap_resamples", r.bootstrap().resamples());
    method.put("bootstrap_seed", r.bootstrap().seed());
    method.put("bootstrap_stratified", r.bootstrap().stratified());
    method.put("bootstrap_unit", "patient");
    method.put("ece_bins", Calibration.DEFAULT_BINS);
    method.put("threshold_rule", "score >= threshold is called positive");
    method.put("proportion_ci95", "Wilson score interval");
    method.put("unknown_labels", "excluded per finding");
    ObjectNode findings = root.putObject("findings");
    for (FindingEvaluation f : r.findings()) {
      findings.set(f.id(), finding(f, notValidated(r)));
    }
    ObjectNode abnormal = finding(r.abnormal(), notValidated(r));
    abnormal.put("label", "no_finding = 0");
    root.set("abnormal", abnormal);
    number(root, "mean_auroc", r.meanAuroc());
    ArrayNode over = root.putArray("mean_auroc_findings");
    r.meanAurocOver().forEach(over::add);
    r.localisation().ifPresent(loc -> {
      ObjectNode l = root.putObject("localisation");
      loc.perFinding().forEach(s -> l.set(s.finding(), localisation(s)));
      l.set(loc.overall().finding(), localisation(loc.overall()));
    });
    if (!r.subgroups().isEmpty()) {
      ObjectNode sg = root.putObject("subgroups");
      for (SubgroupEvaluation s : r.subgroups()) {
        ObjectNode c = sg.putObject(s.grouping().column());
        c.put("banded", s.grouping().banded());
        ObjectNode groups = c.putObject("groups");
        for (SubgroupEvaluation.Group g : s.groups()) {
          ObjectNode gn = groups.putObject(g.value());
          gn.put("images", g.images());
          ObjectNode outs = gn.putObject("outputs");
          g.outputs().forEach((id, f) -> {
            ObjectNode o = outs.putObject(id);
            o.put("positives", f.counts().positives());
            o.put("negatives", f.counts().negatives());
            number(o, "auroc", f.auroc());
            interval(o, "auroc_ci95", f.aurocCi95());
          });
        }
        ObjectNode worst = c.putObject("worst");
        s.worst().forEach((id, w) -> worst.putObject(id).put("group", w.group()).put("auroc", w.auroc()));
      }
    }
    r.audit().ifPresent(a -> {
      ObjectNode an = root.putObject("shortcut_audit");
      ArrayNode cols = an.putArray("columns");
      a.columns().forEach(cols::add);
      an.put("folds", ShortcutAudit.FOLDS);
      an.put("c", ShortcutAudit.C);
      an.put("margin", ShortcutAudit.MARGIN);
      ObjectNode outs = an.putObject("outputs");
      a.outputs().forEach((id, o) -> {
        ObjectNode on = outs.putObject(id);
        number(on, "model_auroc", o.modelAuroc());
        ObjectNode meta = on.putObject("metadata_auroc");
        o.byColumn().forEach((col, v) -> number(meta, col, v));
        number(meta, "all_columns", o.allColumns());
      });
      ArrayNode w = an.putArray("warnings");
      a.warnings().forEach(w::add);
    });
    if (!r.froc().isEmpty()) {
      ObjectNode fr = root.putObject("froc");
      fr.put("hit", "centre of the box inside the true box, or IoU >= " + org.pleura.train.eval.Froc.MIN_IOU);
      for (var c : r.froc()) {
        ObjectNode cn = fr.putObject(c.finding());
        cn.put("images", c.images());
        cn.put("true_boxes", c.trueBoxes());
        cn.put("boxes", c.boxes());
        ObjectNode at = cn.putObject("sensitivity_at_fp_per_image");
        c.sensitivityAt().forEach((rate, v) -> at.put(String.valueOf(rate), v));
        ObjectNode ops = cn.putObject("operating_points");
        c.operatingPoints().forEach((name, p) -> ops.putObject(name).put("threshold", p.threshold())
            .put("sensitivity", p.sensitivity()).put("fp_per_image", p.falsePositivesPerImage()));
        ArrayNode curve = cn.putArray("curve");
        c.curve().forEach(p -> curve.addObject().put("threshold", p.threshold()).put("sensitivity", p.sensitivity())
            .put("fp_per_image", p.falsePositivesPerImage()));
      }
    }
    r.burden().ifPresent(b -> {
      ObjectNode bn = root.putObject("reader_burden");
      bn.put("normal_studies", b.normalStudies());
      proportion(bn, "share_with_positive_call", b.withPositiveCall());
      proportion(bn, "share_with_any_call", b.withAnyCall());
      bn.put("positive_calls_per_study", b.positiveCallsPerStudy());
      bn.put("calls_per_study", b.callsPerStudy());
      ArrayNode called = bn.putArray("called_findings");
      b.calledFindings().forEach(called::add);
      ArrayNode nv = bn.putArray("not_validated");
      b.notValidated().forEach(nv::add);
    });
    return root;
  }

  private static ObjectNode finding(FindingEvaluation f, java.util.Set<String> notValidated) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", f.name());
    n.put("positives", f.counts().positives());
    n.put("negatives", f.counts().negatives());
    n.put("unknown", f.counts().unknown());
    number(n, "auroc", f.auroc());
    interval(n, "auroc_ci95", f.aurocCi95());
    if (notValidated.contains(f.id())) {
      n.put("calls", "not_validated");
    }
    ObjectNode ops = n.putObject("operating_points");
    for (OperatingPointResult op : f.operatingPoints()) {
      ObjectNode o = ops.putObject(op.name());
      o.put("threshold", op.threshold().threshold());
      ConfusionCounts c = op.counts();
      proportion(o, "sensitivity", c.sensitivity());
      proportion(o, "specificity", c.specificity());
      proportion(o, "ppv", c.ppv());
      proportion(o, "npv", c.npv());
      o.put("tp", c.truePositives());
      o.put("fp", c.falsePositives());
      o.put("tn", c.trueNegatives());
      o.put("fn", c.falseNegatives());
      number(o, "validation_sensitivity", op.threshold().validationSensitivity());
      number(o, "validation_specificity", op.threshold().validationSpecificity());
    }
    Optional<Calibration> cal = f.calibration();
    number(n, "ece", cal.map(c -> OptionalDouble.of(c.ece())).orElse(OptionalDouble.empty()));
    ArrayNode bins = n.putArray("reliability");
    cal.ifPresent(c -> {
      for (ReliabilityBin b : c.bins()) {
        ObjectNode o = bins.addObject();
        o.put("lower", b.lower());
        o.put("upper", b.upper());
        o.put("count", b.count());
        number(o, "mean_score", b.meanScore());
        number(o, "observed_rate", b.observedRate());
      }
    });
    return n;
  }

  private static java.util.Set<String> notValidated(EvaluationResult r) {
    return r.notValidated();
  }

  private static ObjectNode localisation(LocalisationStats s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("images", s.peakHits().trials());
    o.put("peak_hits", s.peakHits().successes());
    proportion(o, "peak_hit_rate", s.peakHits());
    o.put("missing_peaks", s.missingPeaks());
    o.put("true_boxes", s.trueBoxes());
    o.put("predicted_boxes", s.predictedBoxes());
    o.put("true_boxes_with_prediction", s.boxesWithPrediction());
    number(o, "mean_best_iou", s.meanBestIou());
    number(o, "iou_at_least_0.1", s.iouAtLeast10().estimate());
    number(o, "iou_at_least_0.25", s.iouAtLeast25().estimate());
    number(o, "iou_at_least_0.5", s.iouAtLeast50().estimate());
    return o;
  }

  private static void proportion(ObjectNode o, String key, Proportion p) {
    number(o, key, p.estimate());
    interval(o, key + "_ci95", p.wilson95());
  }

  private static void number(ObjectNode o, String key, OptionalDouble v) {
    if (v.isPresent() && Double.isFinite(v.getAsDouble())) {
      o.put(key, v.getAsDouble());
    } else {
      o.putNull(key);
    }
  }

  private static void interval(ObjectNode o, String key, Optional<Interval> ci) {
    if (ci.isPresent()) {
      o.putArray(key).add(ci.get().lower()).add(ci.get().upper());
    } else {
      o.putNull(key);
    }
  }
}
