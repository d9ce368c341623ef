package org.pleura.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pleura.bench.decode.DecodeBenchmark;
import org.pleura.bench.decode.TwelveBitChestSet;
import org.pleura.bench.analyze.AnalyzeBenchmark;
import org.pleura.bench.analyze.InputCheckSurvey;
import org.pleura.bench.serve.ServeBenchmark;
import org.pleura.bench.train.TrainBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pleura bench}: the benchmarks. Each prints a Markdown table to paste into
 * {@code docs/benchmarks.md} together with the command that produced it. Results depend on the
 * machine and on what else runs on it: note the load ({@code uptime}) with every number.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: decode, train, analyze, evaluate, serve, input-checks, batch (see docs/benchmarks.md).",
        subcommands = {BenchCommand.Decode.class, BenchCommand.Train.class, BenchCommand.Analyze.class,
                BenchCommand.Evaluate.class, BenchCommand.Serve.class, BenchCommand.InputChecks.class,
                BenchCommand.Batch.class})
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code ../shared} beside the installation, unless {@code --shared} or {@code pleura.shared} says otherwise. */
    static Path sharedDir(Path option) {
        if (option != null) {
            return option;
        }
        String prop = System.getProperty("pleura.shared");
        if (prop != null) {
            return Path.of(prop);
        }
        return DefaultModel.installationRoot().map(r -> r.resolve("../shared").normalize()).orElse(Path.of("../shared"));
    }

    /** Time and peak resident memory of pleura evaluate on a manifest of N rows. */
    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Time and peak resident memory of an evaluation of a manifest of N rows (the NIH images of "
                    + "../shared repeated under other paths). Run one size per process for a clean peak.")
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "2000", description = "Manifest rows (default: ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--model", description = "Model package (default: the bundled chest model).")
        Path model;

        @Option(names = "--threads", defaultValue = "2", description = "Images scored at once (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--engine", defaultValue = "onnx", description = "onnx or djl (default: ${DEFAULT-VALUE}).")
        String engine;

        @Option(names = "--shared", description = "The shared data folder (default: ../shared beside the installation).")
        Path shared;

        @Override
        public Integer call() throws Exception {
            Path nih = sharedDir(shared).resolve("data/nih-cxr");
            if (!Files.isRegularFile(nih.resolve("manifest.csv"))) {
                System.err.println("pleura bench evaluate: no NIH manifest at " + nih + "; pass --shared DIR");
                return 2;
            }
            Path pkg = model != null ? model : DefaultModel.locateCatalogue("chest");
            Path work = Files.createTempDirectory("pleura-bench-evaluate");
            var backend = "djl".equals(engine) ? org.pleura.model.Detector.Backend.DJL_PYTORCH
                    : org.pleura.model.Detector.Backend.ONNX_RUNTIME;
            System.out.println(org.pleura.bench.evaluate.EvaluateBenchmark.Result.header());
            System.out.println(org.pleura.bench.evaluate.EvaluateBenchmark.run(pkg, nih, work, rows, threads, backend).row());
            return 0;
        }
    }

    /** Decode time per transfer syntax of a 2k x 2k 12-bit chest radiograph, next to dcmtk / gdcm. */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Decode time of a 1955x1841 12-bit chest radiograph in every transfer syntax, next to dcmtk/gdcm "
                    + "command-line decoders run on the same files, as a ratio. With FILE arguments, times those instead.")
    static final class Decode implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "20", description = "Timed runs per file (default: ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--shared", description = "The shared data folder (default: ../shared beside the installation).")
        Path shared;

        @Parameters(arity = "0..*", paramLabel = "FILE", description = "DICOM files to time instead of the generated set.")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<Path> set = files;
            Path tmp = null;
            if (set.isEmpty()) {
                Path root = sharedDir(shared);
                if (!Files.isRegularFile(TwelveBitChestSet.source(root))) {
                    System.err.println("pleura bench decode: " + TwelveBitChestSet.source(root)
                            + " is absent; pass --shared DIR or FILE arguments");
                    return 2;
                }
                tmp = Files.createTempDirectory("pleura-bench-decode");
                System.err.println("building the 12-bit test set in " + tmp + " ...");
                set = TwelveBitChestSet.build(root, tmp);
            }
            System.out.println(DecodeBenchmark.Result.header());
            for (DecodeBenchmark.Result r : DecodeBenchmark.run(set, runs)) {
                System.out.println(r.format());
            }
            if (tmp != null) {
                try (var s = Files.list(tmp)) {
                    for (Path p : s.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(tmp);
            }
            return 0;
        }
    }

    /** Training images/s and inference latency, next to the same network in PyTorch from Python. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Training images/s and inference latency (DJL/PyTorch) next to PyTorch from Python. "
                    + "Options are passed to TrainBenchmark: --size N --width N --batch N --steps N --no-python ...")
    static final class Train implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "OPTION")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            TrainBenchmark.main(args.toArray(String[]::new));
            return 0;
        }
    }

    /** Passes options through, adding the bundled model and {@code ../shared} when not given. */
    static String[] withDefaults(List<String> args, boolean model, String sharedFlag) {
        List<String> out = new ArrayList<>(args);
        if (model && !out.contains("--model")) {
            out.add("--model");
            out.add(DefaultModel.locateCatalogue("chest").toString());
        }
        if (sharedFlag != null && !out.contains(sharedFlag)) {
            out.add(sharedFlag);
            out.add(sharedDir(null).toString());
        }
        return out.toArray(String[]::new);
    }

    /** End-to-end analysis time of a 2k x 2k DICOM by stage, next to the bare forward pass. */
    @Command(name = "analyze", mixinStandardHelpOptions = true,
            description = "End-to-end time per radiograph (read, decode, preprocess, infer, heat maps, the four artefacts) by "
                    + "stage, median and 95th percentile, next to the bare forward pass. Options passed to AnalyzeBenchmark: "
                    + "--model PKG --file F --runs N --warmup N --threads N --engine onnx|djl")
    static final class Analyze implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "OPTION")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            AnalyzeBenchmark.main(withDefaults(args, true, "--shared"));
            return 0;
        }
    }

    /** Parallel storescu senders to a server in its own JVM routing to Orthanc. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Load test: parallel storescu senders to 'pleura serve' routing results to Orthanc; throughput, time "
                    + "to result at the PACS, peak memory, errors. Options passed to ServeBenchmark: --senders 8 --images 200 "
                    + "--model PKG --workers N --source F --work DIR --keep")
    static final class Serve implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "OPTION")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            ServeBenchmark.main(withDefaults(args, false, "--shared"));
            return 0;
        }
    }

    /** pleura batch on Spark (local[1], local[2], a standalone cluster) against pleura analyze --threads 2. */
    @Command(name = "batch", mixinStandardHelpOptions = true,
            description = "Throughput of 'pleura batch' with Spark local[1], local[2] and a standalone cluster on localhost "
                    + "(1 master, 2 one-core workers from pleura-batch/target/spark-home), next to 'pleura analyze --threads 2' "
                    + "on the same NIH images.")
    static final class Batch implements Callable<Integer> {
        @Option(names = "--images", defaultValue = "400", description = "NIH images (default: ${DEFAULT-VALUE}).")
        int images;

        @Option(names = "--work", description = "Working folder (default: a temporary folder).")
        Path work;

        @Option(names = "--keep", description = "Keep the working folder (outputs and logs of every variant).")
        boolean keep;

        @Option(names = "--shared", description = "The shared data folder (default: ../shared beside the installation).")
        Path shared;

        @Override
        public Integer call() throws Exception {
            List<String> all = new ArrayList<>(List.of("--root",
                    DefaultModel.installationRoot().orElse(Path.of(".").toAbsolutePath()).toString(),
                    "--shared", sharedDir(shared).toString(), "--images", Integer.toString(images)));
            if (work != null) {
                all.add("--work");
                all.add(work.toString());
            }
            if (keep) {
                all.add("--keep");
            }
            org.pleura.bench.batch.BatchBenchmark.main(all.toArray(String[]::new));
            return 0;
        }
    }

    /** What the input checks catch, per category of non-chest or unusable image. */
    @Command(name = "input-checks", mixinStandardHelpOptions = true,
            description = "Input-check survey: share of non-chest, colour, blank or saturated images refused and of real chest "
                    + "radiographs accepted. Options passed to InputCheckSurvey: --model PKG --work DIR")
    static final class InputChecks implements Callable<Integer> {
        @Parameters(arity = "0..*", paramLabel = "OPTION")
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            InputCheckSurvey.main(withDefaults(args, true, "--shared"));
            return 0;
        }
    }
}
