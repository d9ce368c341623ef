package org.pleura.train.eval;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.pleura.train.manifest.BoxesFile;
import org.pleura.train.manifest.Label;
import org.pleura.train.manifest.LabelCounts;
import org.pleura.train.manifest.LabeledBox;
import org.pleura.train.manifest.ManifestEntry;
import org.pleura.train.manifest.Split;
import org.pleura.train.manifest.SplitOrigin;

/**
 * Computes every metric of an {@link EvaluationInput}: per finding and for {@code abnormal} the label counts,
 * AUROC with its bootstrap interval, ROC curve, the model's operating points and calibration; the macro mean
 * AUROC; and localisation when boxes are given. Unknown labels are excluded per finding.
 */
public final class Evaluator {

  private Evaluator() {}

  /**
   * @param input the model's scores on a manifest and what to compare them with
   * @return the metrics
   */
  public static EvaluationResult evaluate(EvaluationInput input) {
    List<ManifestEntry> scored = input.scoredEntries();
    List<String> paths = scored.stream().map(ManifestEntry::path).toList();
    // outputs are independent and each is deterministic: evaluate them in parallel, keep catalogue order
    List<FindingEvaluation> findings = input.findingIds().parallelStream()
        .map(id -> evaluateOutput(input, id, paths, scored, e -> e.label(id)))
        .toList();
    List<String> meanOver = new ArrayList<>();
    double sum = 0;
    for (FindingEvaluation f : findings) {
      String id = f.id();
      if (f.auroc().isPresent()) {
        sum += f.auroc().getAsDouble();
        meanOver.add(id);
      }
    }
    FindingEvaluation abnormal = evaluateOutput(input, EvaluationInput.ABNORMAL, paths, scored,
        ManifestEntry::abnormalLabel);
    OptionalDouble mean = meanOver.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(sum / meanOver.size());

    List<LabeledBox> truth = input.boxes().map(b -> truthOnEvaluatedImages(b, scored, input.findingIds()))
        .orElse(List.of());
    Optional<LocalisationResult> localisation = input.boxes().isPresent() && input.localisation().isPresent()
        ? Optional.of(Localisation.evaluate(truth, input.localisation().get(), input.findingIds()))
        : Optional.empty();
    DataSummary data = new DataSummary(input.manifest().file(), input.manifest().entries().size(), input.subset(),
        input.entries().size(), scored.size(), input.skipped(), input.boxes().map(BoxesFile::file).orElse(null),
        truth.size(), trainSplitImages(input, scored));
    Map<String, Function<ManifestEntry, Label>> outputs = new LinkedHashMap<>();
    for (String id : input.findingIds()) {
      outputs.put(id, e -> e.label(id));
    }
    outputs.put(EvaluationInput.ABNORMAL, ManifestEntry::abnormalLabel);
    List<Grouping> groupings = input.by().stream().map(c -> Grouping.of(c, scored)).toList();
    List<SubgroupEvaluation> subgroups = groupings.stream()
        .map(g -> subgroups(input, g, scored, outputs)).toList();
    Optional<ShortcutAudit> audit = Optional.empty();
    if (!groupings.isEmpty()) {
      Map<String, OptionalDouble> pooled = new LinkedHashMap<>();
      findings.forEach(f -> pooled.put(f.id(), f.auroc()));
      pooled.put(EvaluationInput.ABNORMAL, abnormal.auroc());
      Map<String, String> names = new LinkedHashMap<>();
      outputs.keySet().forEach(id -> names.put(id, input.displayName(id)));
      audit = Optional.of(ShortcutAudit.run(scored, groupings, outputs, pooled, subgroups, names));
    }
    return new EvaluationResult(input.model(), data, findings, abnormal, mean, meanOver, localisation,
        input.bootstrap(), Instant.now(), subgroups, audit, burden(input, scored), input.notValidated(),
        froc(input, scored, truth));
  }

  /** Box-level FROC of each finding with true boxes on the evaluated images. */
  static List<Froc.Curve> froc(EvaluationInput input, List<ManifestEntry> scored, List<LabeledBox> truth) {
    if (input.localisation().isEmpty() || truth.isEmpty()) {
      return List.of();
    }
    List<String> images = scored.stream().map(ManifestEntry::path).toList();
    List<Froc.Curve> out = new ArrayList<>();
    for (String id : input.findingIds()) {
      List<LabeledBox> t = truth.stream().filter(b -> b.finding().equals(id)).toList();
      if (t.isEmpty()) {
        continue;
      }
      List<PredictedBox> p = input.localisation().get().boxes().stream().filter(b -> b.finding().equals(id)).toList();
      Map<String, Double> ths = new LinkedHashMap<>();
      OperatingThresholds o = input.thresholds().get(id);
      if (o != null && !input.notValidated().contains(id)) {
        ths.put("doubtful", o.doubtful().threshold());
        ths.put("positive", o.positive().threshold());
      }
      out.add(Froc.of(id, images, t, p, ths));
    }
    return out;
  }

  /** The model's AUROC within each group of a column, per output, and each output's worst group. */
  static SubgroupEvaluation subgroups(EvaluationInput input, Grouping grouping, List<ManifestEntry> scored,
      Map<String, Function<ManifestEntry, Label>> outputs) {
    List<SubgroupEvaluation.Group> groups = new ArrayList<>();
    Map<String, SubgroupEvaluation.Worst> worst = new LinkedHashMap<>();
    for (String value : grouping.groups(scored)) {
      List<ManifestEntry> in = scored.stream().filter(e -> grouping.groupOf(e).equals(value)).toList();
      List<String> paths = in.stream().map(ManifestEntry::path).toList();
      Map<String, SubgroupEvaluation.Figures> figures = new LinkedHashMap<>();
      for (var o : outputs.entrySet()) {
        List<Label> labels = in.stream().map(o.getValue()).toList();
        ScoredLabels data = ScoredLabels.of(input.scores().column(paths, o.getKey()), labels,
            in.stream().map(ManifestEntry::patientKey).toList());
        int unknown = (int) labels.stream().filter(l -> !l.isKnown()).count();
        SubgroupEvaluation.Figures f = new SubgroupEvaluation.Figures(
            new LabelCounts(data.positives(), data.negatives(), unknown), Auroc.of(data),
            BootstrapCi.auroc(data, input.bootstrap()));
        figures.put(o.getKey(), f);
        if (f.enough() && f.auroc().isPresent()) {
          SubgroupEvaluation.Worst w = worst.get(o.getKey());
          if (w == null || f.auroc().getAsDouble() < w.auroc()) {
            worst.put(o.getKey(), new SubgroupEvaluation.Worst(value, f.auroc().getAsDouble()));
          }
        }
      }
      groups.add(new SubgroupEvaluation.Group(value, in.size(), figures));
    }
    return new SubgroupEvaluation(grouping, groups, worst);
  }

  /** The calls of the model's operating points on the normal studies ({@code no_finding = 1}). */
  static Optional<ReaderBurden> burden(EvaluationInput input, List<ManifestEntry> scored) {
    List<String> called = input.findingIds().stream()
        .filter(id -> input.thresholds().containsKey(id) && !input.notValidated().contains(id)).toList();
    List<ManifestEntry> normals = scored.stream().filter(e -> e.abnormalLabel() == Label.NEGATIVE).toList();
    if (normals.isEmpty() || called.isEmpty()) {
      return Optional.empty();
    }
    int withPositive = 0;
    int withAny = 0;
    int positives = 0;
    int calls = 0;
    for (ManifestEntry e : normals) {
      boolean pos = false;
      boolean any = false;
      for (String id : called) {
        double score = input.scores().score(e.path(), id).orElseThrow();
        OperatingThresholds t = input.thresholds().get(id);
        if (score >= t.positive().threshold()) {
          pos = true;
          positives++;
        }
        if (score >= Math.min(t.doubtful().threshold(), t.positive().threshold())) {
          any = true;
          calls++;
        }
      }
      withPositive += pos ? 1 : 0;
      withAny += any ? 1 : 0;
    }
    int n = normals.size();
    List<String> notValidated = input.findingIds().stream().filter(input.notValidated()::contains).toList();
    return Optional.of(new ReaderBurden(n, new Proportion(withPositive, n), new Proportion(withAny, n),
        (double) positives / n, (double) calls / n, called, notValidated));
  }

  private static int trainSplitImages(EvaluationInput input, List<ManifestEntry> scored) {
    if (input.manifest().splitOrigin() != SplitOrigin.FILE) {
      return 0;
    }
    return (int) scored.stream().filter(e -> e.split() == Split.TRAIN).count();
  }

  private static FindingEvaluation evaluateOutput(EvaluationInput input, String id, List<String> paths,
      List<ManifestEntry> scored, Function<ManifestEntry, Label> labelOf) {
    List<Label> labels = scored.stream().map(labelOf).toList();
    ScoredLabels data = ScoredLabels.of(input.scores().column(paths, id), labels,
        scored.stream().map(ManifestEntry::patientKey).toList());
    int unknown = (int) labels.stream().filter(l -> !l.isKnown()).count();
    LabelCounts counts = new LabelCounts(data.positives(), data.negatives(), unknown);
    List<OperatingPointResult> ops = new ArrayList<>();
    OperatingThresholds t = input.thresholds().get(id);
    if (t != null && !input.notValidated().contains(id)) {
      for (String name : OperatingThresholds.NAMES) {
        ModelThreshold m = t.named(name);
        ops.add(new OperatingPointResult(name, m, ConfusionCounts.at(data, m.threshold())));
      }
    }
    return new FindingEvaluation(id, input.displayName(id), counts, Auroc.of(data),
        BootstrapCi.auroc(data, input.bootstrap()), RocCurve.of(data), ops,
        data.size() == 0 ? Optional.empty() : Optional.of(Calibration.of(data)));
  }

  /** The true boxes of findings the model reads on scored images, paths spelled as in the manifest. */
  static List<LabeledBox> truthOnEvaluatedImages(BoxesFile boxes, List<ManifestEntry> scored, List<String> findings) {
    return boxes.on(scored, findings);
  }
}
