package org.pleura.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.pleura.model.Detector;
import org.pleura.train.eval.BootstrapSettings;
import org.pleura.train.eval.EvaluationResult;
import org.pleura.train.eval.FindingEvaluation;
import org.pleura.train.eval.SubgroupEvaluation;
import org.pleura.train.eval.report.HtmlReport;
import org.pleura.train.eval.report.MetricsJson;
import org.pleura.train.eval.report.PredictionsCsv;
import org.pleura.train.eval.run.ConsoleProgressBar;
import org.pleura.train.eval.run.DetectorEvaluation;
import org.pleura.train.eval.run.EvaluationOptions;
import org.pleura.train.manifest.Split;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pleura evaluate [--model PKG] --manifest M.csv --out DIR [--boxes B.csv] [--bootstrap N]}: scores the
 * manifest's images with a model and writes {@code predictions.csv}, {@code metrics.json} and
 * {@code report.html}. Wiring only: the work is {@link DetectorEvaluation#run}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = {"Score a manifest's images with a model and measure it against the manifest's labels.",
        "Writes DIR/predictions.csv (one score column per finding, then abnormal), DIR/metrics.json (AUROC with",
        "95%% bootstrap CI, operating points, calls on normal studies, calibration, localisation, and with --by",
        "the AUROC within subgroups and a shortcut audit) and DIR/report.html.",
        "Images that cannot be read are listed in the outputs; the others are still evaluated."})
public final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--model", description = "Model package (folder or zip; default: the bundled model under models/).")
  Path model;

  @Option(names = "--manifest", required = true, description = "Manifest CSV (path, optional patient_id/split, label columns).")
  Path manifest;

  @Option(names = "--out", required = true, description = "Folder for predictions.csv, metrics.json and report.html.")
  Path out;

  @Option(names = "--boxes", description = "True boxes CSV (path,finding,x,y,w,h) for localisation metrics.")
  Path boxes;

  @Option(names = "--split", description = "Only evaluate this split: train, val or test (default: all images).")
  String split;

  @Option(names = "--bootstrap", defaultValue = "2000", description = "Bootstrap resamples for the AUROC CIs (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--seed", defaultValue = "20170601", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", defaultValue = "2", description = "Images scored at the same time (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--by", split = ",", paramLabel = "COLUMN",
      description = "Manifest columns to measure within and to audit for shortcuts, e.g. source,view,sex,age "
          + "(age is cut into bands 0-17, 18-39, 40-59, 60-79, 80+).")
  List<String> by = new ArrayList<>();

  @Option(names = "--card",
      description = "Write this evaluation into the model package's MODEL_CARD.md as its test section (run once, on "
          + "held-out data, after training and selection).")
  boolean card;

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--engine", defaultValue = "onnx", paramLabel = "onnx|djl",
      description = "Engine running the network: onnx (ONNX Runtime, the default) or djl (PyTorch through DJL).")
  String engine;

  @Override
  public Integer call() throws Exception {
    Optional<Split> only = Optional.empty();
    if (split != null) {
      only = Optional.of(Split.parse(split).orElseThrow(() -> new CommandLine.ParameterException(
          new CommandLine(this), "--split must be train, val or test, not '" + split + "'")));
    }
    Path pkg = model != null ? model : DefaultModel.locate();
    EvaluationOptions options = new EvaluationOptions(pkg, manifest, out, Optional.ofNullable(boxes), only,
        new BootstrapSettings(bootstrap, seed, true), threads, by, switch (engine.toLowerCase(Locale.ROOT)) {
          case "onnx", "onnxruntime" -> Detector.Backend.ONNX_RUNTIME;
          case "djl", "pytorch" -> Detector.Backend.DJL_PYTORCH;
          default -> throw new CommandLine.ParameterException(new CommandLine(this), "--engine must be onnx or djl");
        });
    EvaluationResult r = DetectorEvaluation.run(options, DetectorEvaluation.radiographs(),
        new ConsoleProgressBar(System.err));

    System.out.printf(Locale.ROOT, "model %s %s on %d images (%s)%s%n", r.model().id(), r.model().version(),
        r.data().evaluatedImages(), r.data().subset(),
        r.data().skipped().isEmpty() ? "" : ", " + r.data().skipped().size() + " skipped (listed in metrics.json)");
    for (FindingEvaluation f : r.findings()) {
      print(f);
    }
    print(r.abnormal());
    System.out.printf(Locale.ROOT, "%-20s %s over %d findings%n", "mean AUROC",
        r.meanAuroc().isPresent() ? String.format(Locale.ROOT, "%.3f", r.meanAuroc().getAsDouble()) : "n/a",
        r.meanAurocOver().size());
    if (!r.notValidated().isEmpty()) {
      System.out.println("not validated for calls (scored, never called): " + String.join(", ", r.notValidated()));
    }
    r.burden().ifPresent(b -> System.out.printf(Locale.ROOT,
        "calls on %d normal studies: %.1f %% with a positive call, %.1f %% with any call, %.2f positive and %.2f "
            + "calls per study%n", b.normalStudies(), 100 * b.withPositiveCall().estimate().orElse(Double.NaN),
        100 * b.withAnyCall().estimate().orElse(Double.NaN), b.positiveCallsPerStudy(), b.callsPerStudy()));
    for (SubgroupEvaluation s : r.subgroups()) {
      StringBuilder line = new StringBuilder();
      s.worst().forEach((id, w) -> line.append(String.format(Locale.ROOT, " %s %s=%s %.3f;", id,
          s.grouping().column(), w.group(), w.auroc())));
      System.out.println("worst " + s.grouping().column() + " group per output:" + line);
    }
    r.audit().ifPresent(a -> {
      System.out.println("shortcut audit: " + (a.warnings().isEmpty() ? "no warning" : a.warnings().size() + " warnings"));
      a.warnings().forEach(w -> System.out.println("  warning: " + w));
    });
    System.out.println("wrote " + out.resolve(PredictionsCsv.FILE_NAME) + ", " + out.resolve(MetricsJson.FILE_NAME)
        + ", " + out.resolve(HtmlReport.FILE_NAME));
    if (card) {
      if (!java.nio.file.Files.isDirectory(pkg)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "--card needs a package folder, not " + pkg);
      }
      List<String> args = spec.commandLine().getParseResult().originalArgs();
      List<String> own = !args.isEmpty() && args.get(0).equals("evaluate") ? args.subList(1, args.size()) : args;
      String command = "pleura evaluate " + String.join(" ", own);
      org.pleura.train.eval.report.ModelCardTestSection.update(pkg, r, command);
      System.out.println("wrote the test section of " + pkg.resolve("MODEL_CARD.md"));
    }
    return 0;
  }

  private static void print(FindingEvaluation f) {
    String auroc = f.auroc().isPresent()
        ? String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", f.auroc().getAsDouble(),
            f.aurocCi95().orElseThrow().lower(), f.aurocCi95().orElseThrow().upper())
        : "n/a (needs positives and negatives)";
    System.out.printf(Locale.ROOT, "%-20s AUROC %s  (%d pos / %d neg)%n", f.id(), auroc, f.counts().positives(),
        f.counts().negatives());
  }

  /** Runs the command alone (e.g. from a class path without the rest of the CLI). */
  public static void main(String[] args) {
    System.exit(new CommandLine(new EvaluateCommand()).execute(args));
  }
}
