package org.pleura.train.eval.run;

import java.nio.file.Path;
import java.util.List;
import org.pleura.model.Detector;
import java.util.Objects;
import java.util.Optional;
import org.pleura.train.eval.BootstrapSettings;
import org.pleura.train.manifest.Split;

/**
 * What {@code pleura evaluate} was asked to do.
 *
 * @param model the model package (directory or zip)
 * @param manifest the manifest CSV
 * @param outDir where {@code predictions.csv}, {@code metrics.json} and {@code report.html} go
 * @param boxes the true boxes CSV, if localisation is to be measured
 * @param split only the images of this split (all images when empty)
 * @param bootstrap how the AUROC intervals are drawn
 * @param threads images scored at the same time (at least 1)
 * @param by manifest columns to measure the model within and to audit for shortcuts (e.g. source, view, sex, age)
 * @param backend the engine running the network
 */
public record EvaluationOptions(Path model, Path manifest, Path outDir, Optional<Path> boxes, Optional<Split> split,
    BootstrapSettings bootstrap, int threads, List<String> by, Detector.Backend backend) {

  /** Options without subgroups, on ONNX Runtime. */
  public EvaluationOptions(Path model, Path manifest, Path outDir, Optional<Path> boxes, Optional<Split> split,
      BootstrapSettings bootstrap, int threads) {
    this(model, manifest, outDir, boxes, split, bootstrap, threads, List.of(), Detector.Backend.ONNX_RUNTIME);
  }

  /** Checks the arguments. */
  public EvaluationOptions {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(outDir, "outDir");
    Objects.requireNonNull(boxes, "boxes");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(bootstrap, "bootstrap");
    by = List.copyOf(by);
    Objects.requireNonNull(backend, "backend");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /** All images, no boxes, default bootstrap, two threads. */
  public static EvaluationOptions of(Path model, Path manifest, Path outDir) {
    return new EvaluationOptions(model, manifest, outDir, Optional.empty(), Optional.empty(),
        BootstrapSettings.DEFAULT, 2);
  }
}
