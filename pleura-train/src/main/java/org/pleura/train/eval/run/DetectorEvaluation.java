package org.pleura.train.eval.run;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pleura.image.RadiographReader;
import org.pleura.model.Detector;
import org.pleura.model.catalogue.Finding;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.OperatingPoint;
import org.pleura.train.data.ImageSource;
import org.pleura.train.eval.EvaluationInput;
import org.pleura.train.eval.EvaluationResult;
import org.pleura.train.eval.ModelSummary;
import org.pleura.train.eval.ModelThreshold;
import org.pleura.train.eval.OperatingThresholds;
import org.pleura.train.eval.report.EvaluationReport;
import org.pleura.train.manifest.BoxesFile;
import org.pleura.train.manifest.Manifest;
import org.pleura.train.manifest.ManifestEntry;
import org.pleura.train.manifest.ManifestException;
import org.pleura.train.manifest.ManifestReader;

/**
 * {@code pleura evaluate} from end to end, readable top to bottom: load the model package, read the manifest
 * (and boxes), score the selected images, and write {@code predictions.csv}, {@code metrics.json} and
 * {@code report.html}.
 *
 * <pre>{@code
 * EvaluationResult r = DetectorEvaluation.run(
 *     EvaluationOptions.of(Path.of("models/pleura-chest-v2"), Path.of("test.csv"), Path.of("eval")),
 *     DetectorEvaluation.radiographs(), new ConsoleProgressBar(System.err));
 * }</pre>
 */
public final class DetectorEvaluation {

  private DetectorEvaluation() {}

  /**
   * @return images read as radiographs (DICOM, PNG or JPEG, recognised by content) and rendered for display
   *     by their default window, in the pixel frame of the stored image
   */
  public static ImageSource radiographs() {
    return file -> RadiographReader.read(file).display();
  }

  /**
   * @param options what to evaluate and where to write
   * @param images how image files are decoded
   * @param progress told as images are scored
   * @return the metrics written
   * @throws InvalidModelPackageException when the model package cannot be loaded
   * @throws ManifestException when the manifest or boxes file is malformed (file and line named)
   * @throws IOException when the output cannot be written
   */
  public static EvaluationResult run(EvaluationOptions options, ImageSource images, ScoringProgress progress)
      throws InvalidModelPackageException, ManifestException, IOException {
    try (Detector detector = Detector.load(options.model(), options.backend())) {
      ModelPackage pkg = detector.modelPackage();
      FindingCatalogue catalogue = pkg.catalogue();
      List<String> findingIds = findingsRead(pkg);
      Manifest manifest = ManifestReader.forFindings(catalogue.ids()).read(options.manifest());
      List<ManifestEntry> entries = options.split().map(manifest::entries).orElse(manifest.entries());
      for (String column : options.by()) {
        if (entries.stream().noneMatch(e -> e.metadata().containsKey(column))) {
          throw new ManifestException(options.manifest(), 0, "has no column '" + column + "' to measure within (--by)");
        }
      }
      String subset = options.split().map(s -> "split " + s.id()).orElse("all images");
      if (entries.isEmpty()) {
        throw new ManifestException(options.manifest(), 0, "has no image to evaluate (" + subset + ")");
      }
      BoxesFile boxes = options.boxes().isPresent() ? BoxesFile.read(options.boxes().get()) : null;

      ScoredManifest scored = new ManifestScorer(detector, findingIds, images, options.threads())
          .score(entries, progress);

      EvaluationInput.Builder input = EvaluationInput.builder(summary(pkg, options), manifest, findingIds,
              scored.scores())
          .entries(entries, subset)
          .displayNames(displayNames(catalogue))
          .thresholds(thresholds(pkg.descriptor()))
          .bootstrap(options.bootstrap())
          .skipped(scored.skipped())
          .by(options.by())
          .notValidated(notValidated(pkg.descriptor()));
      if (boxes != null) {
        input.boxes(boxes, scored.localisation());
      }
      return EvaluationReport.write(options.outDir(), input.build());
    }
  }

  /** The finding ids the package's outputs cover, in catalogue order (the study-level output excluded). */
  static List<String> findingsRead(ModelPackage pkg) {
    List<String> outputs = pkg.descriptor().outputs();
    return pkg.catalogue().ids().stream().filter(outputs::contains).toList();
  }

  private static Map<String, String> displayNames(FindingCatalogue catalogue) {
    Map<String, String> names = new LinkedHashMap<>();
    for (Finding f : catalogue.findings()) {
      names.put(f.id(), f.nameEn());
    }
    names.put(EvaluationInput.ABNORMAL, catalogue.studyLevel().nameEn());
    return names;
  }

  private static Map<String, OperatingThresholds> thresholds(ModelDescriptor d) {
    Map<String, OperatingThresholds> out = new LinkedHashMap<>();
    for (Map.Entry<String, FindingThresholds> e : d.thresholds().entrySet()) {
      out.put(e.getKey(), new OperatingThresholds(threshold(e.getValue().doubtful()),
          threshold(e.getValue().positive())));
    }
    return out;
  }

  private static java.util.Set<String> notValidated(ModelDescriptor d) {
    java.util.Set<String> out = new java.util.HashSet<>();
    d.thresholds().forEach((id, t) -> {
      if (!t.validated()) {
        out.add(id);
      }
    });
    return out;
  }

  private static ModelThreshold threshold(OperatingPoint p) {
    return ModelThreshold.of(p.threshold(), p.sensitivity(), p.specificity());
  }

  private static ModelSummary summary(ModelPackage pkg, EvaluationOptions options) {
    ModelDescriptor d = pkg.descriptor();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("package", options.model().toString());
    details.put("catalogue", d.catalogue());
    if (d.architecture() != null) {
      details.put("architecture", d.architecture().name());
    }
    if (d.preprocessing() != null) {
      details.put("input_size", d.preprocessing().inputSize());
    }
    details.put("outputs", d.outputs());
    return new ModelSummary(d.id(), d.version(), details);
  }
}
