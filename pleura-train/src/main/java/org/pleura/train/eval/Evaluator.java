package org.pleura.train.eval;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
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
    return new EvaluationResult(input.model(), data, findings, abnormal, mean, meanOver, localisation,
        input.bootstrap(), Instant.now());
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
    ScoredLabels data = ScoredLabels.of(input.scores().column(paths, id), labels);
    int unknown = (int) labels.stream().filter(l -> !l.isKnown()).count();
    LabelCounts counts = new LabelCounts(data.positives(), data.negatives(), unknown);
    List<OperatingPointResult> ops = new ArrayList<>();
    OperatingThresholds t = input.thresholds().get(id);
    if (t != null) {
      for (String name : OperatingThresholds.NAMES) {
        ModelThreshold m = t.named(name);
        ops.add(new OperatingPointResult(name, m, ConfusionCounts.at(data, m.threshold())));
      }
    }
    return new FindingEvaluation(id, input.displayName(id), counts, Auroc.of(data),
        BootstrapCi.auroc(data, input.bootstrap()), RocCurve.of(data), ops,
        data.size() == 0 ? Optional.empty() : Optional.of(Calibration.of(data)));
  }

  /**
   * The true boxes of findings the model reads on scored images, with their path rewritten to the manifest's
   * spelling (a box matches an image by the path as written, or by the same file once both are resolved
   * against their CSV's folder).
   */
  static List<LabeledBox> truthOnEvaluatedImages(BoxesFile boxes, List<ManifestEntry> scored, List<String> findings) {
    Map<String, String> byWritten = new HashMap<>();
    Map<Path, String> byResolved = new HashMap<>();
    for (ManifestEntry e : scored) {
      byWritten.put(e.path(), e.path());
      byResolved.put(e.resolvedPath(), e.path());
    }
    Path folder = boxes.file().toAbsolutePath().getParent();
    Set<String> wanted = new HashSet<>(findings);
    List<LabeledBox> out = new ArrayList<>();
    for (LabeledBox b : boxes.boxes()) {
      if (!wanted.contains(b.finding())) {
        continue;
      }
      String path = byWritten.get(b.path());
      if (path == null && folder != null) {
        try {
          path = byResolved.get(folder.resolve(b.path()).normalize());
        } catch (java.nio.file.InvalidPathException ignored) {
          path = null;
        }
      }
      if (path != null) {
        out.add(new LabeledBox(path, b.finding(), b.x(), b.y(), b.w(), b.h()));
      }
    }
    return out;
  }
}
