package org.pleura.bench.analyze;

import static org.pleura.bench.timing.Samples.quantile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pleura.image.RadiographReader;
import org.pleura.model.Detector;
import org.pleura.results.pipeline.AnalysisOutcome;
import org.pleura.results.pipeline.Analyzer;
import org.pleura.results.pipeline.AnalyzerOptions;
import org.pleura.results.pipeline.Stage;

/**
 * End-to-end time of {@code pleura analyze} on one radiograph (default: the 1955 x 1841 15-bit CR chest of the
 * shared corpus, JPEG Lossless): every stage from reading the file to the four artefacts, median and 95th
 * percentile over the timed runs after warm-up, next to the bare forward pass of the network on the same input,
 * as a ratio. Prints a Markdown table for {@code docs/benchmarks.md}.
 *
 * <pre>
 * java -cp ... org.pleura.bench.analyze.AnalyzeBenchmark --model models/pleura-chest-v2 [--file F.dcm]
 *      [--runs 50] [--warmup 5] [--engine onnx|djl] [--threads N] [--shared ../shared]
 * </pre>
 */
public final class AnalyzeBenchmark {

    /** The default radiograph, relative to the shared folder. */
    public static final String DEFAULT_FILE = "data/dicom/derived_transcodes/RG1chest_MONO1_15bit_JPEGLosslessSV1.dcm";

    /**
     * The measured times in milliseconds.
     *
     * @param stageMedian median time per stage
     * @param stageP95    95th percentile per stage
     * @param totalMedian median end-to-end time
     * @param totalP95    95th percentile of the end-to-end time
     * @param forwardMedian median bare forward pass
     * @param forwardP95    95th percentile of the bare forward pass
     * @param runs        timed runs
     * @param cpuPerAnalysis mean CPU time of the whole process per analysis (all threads, steadier than wall
     *                       time on a shared machine)
     * @param cpuPerForward  mean CPU time of the whole process per bare forward pass
     */
    public record Result(Map<Stage, Double> stageMedian, Map<Stage, Double> stageP95, double totalMedian,
                         double totalP95, double forwardMedian, double forwardP95, int runs, double cpuPerAnalysis,
                         double cpuPerForward) {

        /** End-to-end median over bare forward median. */
        public double ratio() {
            return totalMedian / forwardMedian;
        }

        /** Median of everything except the forward pass, over the forward median. */
        public double aroundRatio() {
            return (totalMedian - stageMedian.getOrDefault(Stage.INFER, 0.0)) / forwardMedian;
        }
    }

    private AnalyzeBenchmark() {
    }

    /** Times {@code runs} analyses of {@code file} after {@code warmup} untimed ones, and the bare forward pass. */
    public static Result measure(Analyzer analyzer, Path file, int warmup, int runs) throws Exception {
        for (int i = 0; i < warmup; i++) {
            check(analyzer.analyze(file), file);
        }
        Map<Stage, double[]> stages = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            stages.put(s, new double[runs]);
        }
        double[] total = new double[runs];
        long cpu0 = processCpuNanos();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            AnalysisOutcome o = analyzer.analyze(file);
            total[i] = (System.nanoTime() - t0) / 1e6;
            check(o, file);
            for (Stage s : Stage.values()) {
                stages.get(s)[i] = o.times().of(s) / 1e6;
            }
        }
        double cpuAnalysis = (processCpuNanos() - cpu0) / 1e6 / runs;
        Detector d = analyzer.detector();
        float[] input = d.preprocessor().prepare(RadiographReader.read(file).display());
        for (int i = 0; i < warmup; i++) {
            d.forward(input);
        }
        double[] forward = new double[runs];
        long cpu1 = processCpuNanos();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            d.forward(input);
            forward[i] = (System.nanoTime() - t0) / 1e6;
        }
        double cpuForward = (processCpuNanos() - cpu1) / 1e6 / runs;
        Map<Stage, Double> median = new EnumMap<>(Stage.class);
        Map<Stage, Double> p95 = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            median.put(s, quantile(stages.get(s), 0.5));
            p95.put(s, quantile(stages.get(s), 0.95));
        }
        return new Result(median, p95, quantile(total, 0.5), quantile(total, 0.95), quantile(forward, 0.5),
                quantile(forward, 0.95), runs, cpuAnalysis, cpuForward);
    }

    /** CPU time of the whole process so far (all threads, native ones included), or 0 when unknown. */
    private static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
    }

    private static void check(AnalysisOutcome o, Path file) {
        if (!(o instanceof AnalysisOutcome.Analyzed)) {
            throw new IllegalStateException(file + " was not analysed, so it cannot be timed: " + o);
        }
    }

    /** The result as a Markdown table. */
    public static String table(Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append("| stage | median ms | p95 ms |\n|---|---|---|\n");
        List<Stage> shown = new ArrayList<>();
        for (Stage s : Stage.values()) {
            if (r.stageP95().get(s) > 0) {
                shown.add(s);
            }
        }
        for (Stage s : shown) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", s.name().toLowerCase(Locale.ROOT)
                    .replace('_', ' '), r.stageMedian().get(s), r.stageP95().get(s)));
        }
        sb.append(String.format(Locale.ROOT, "| **end to end** | **%.1f** | **%.1f** |%n", r.totalMedian(), r.totalP95()));
        sb.append(String.format(Locale.ROOT, "| bare forward pass (same input) | %.1f | %.1f |%n", r.forwardMedian(),
                r.forwardP95()));
        sb.append(String.format(Locale.ROOT, "%nEnd to end / forward: %.1fx; everything around the model / forward: %.1fx "
                + "(%d timed runs). Process CPU time (all threads), mean: %.1f ms per analysis, %.1f ms per bare "
                + "forward pass (%.1fx).%n", r.ratio(), r.aroundRatio(), r.runs(), r.cpuPerAnalysis(), r.cpuPerForward(),
                r.cpuPerAnalysis() / Math.max(r.cpuPerForward(), 1e-9)));
        return sb.toString();
    }

    /** See the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path model = null;
        Path shared = Path.of(System.getProperty("pleura.shared", "../shared"));
        Path file = null;
        int runs = 50;
        int warmup = 5;
        int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        Detector.Backend backend = Detector.Backend.ONNX_RUNTIME;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = Path.of(args[++i]);
                case "--shared" -> shared = Path.of(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--engine" -> backend = args[++i].startsWith("djl") ? Detector.Backend.DJL_PYTORCH
                        : Detector.Backend.ONNX_RUNTIME;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("--model PKG is required");
        }
        if (file == null) {
            file = shared.resolve(DEFAULT_FILE);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist (pass --file or --shared)");
        }
        try (Analyzer analyzer = Analyzer.load(model, AnalyzerOptions.defaults().withBackend(backend, threads))) {
            var r = RadiographReader.read(file);
            System.out.printf(Locale.ROOT, "%s (%dx%d, %d-bit), model %s %s (input %d px) on %s with %d threads, "
                            + "%d processors%n", file.getFileName(), r.columns(), r.rows(), r.bitsStored(),
                    analyzer.model().id(), analyzer.model().version(),
                    analyzer.detector().preprocessor().spec().inputSize(), analyzer.detector().engine(), threads,
                    Runtime.getRuntime().availableProcessors());
            System.out.print(table(measure(analyzer, file, warmup, runs)));
        }
    }
}
