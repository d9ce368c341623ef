package org.pleura.bench.train;

import static org.pleura.bench.timing.Samples.median;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.pleura.image.GrayImage;
import org.pleura.model.Detector;
import org.pleura.model.inference.BoxExtractor;
import org.pleura.model.net.FindingNetwork;
import org.pleura.model.net.ResNetSpec;
import org.pleura.model.pkg.Architecture;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.Preprocessing;
import org.pleura.model.pkg.WeightsFile;
import org.pleura.train.optim.MaskedBceLoss;
import org.pleura.train.optim.ResumableAdamW;

/**
 * Measures training throughput (images/s, AdamW steps on random batches: the image cache makes data loading
 * negligible) and batch-1 inference latency (bare forward pass, and the whole {@link Detector} call on a
 * 512 x 512 image: preprocessing, forward, heat maps, boxes; on DJL-PyTorch and on ONNX Runtime) for one
 * architecture and input size, and the same
 * ResNet-18 in PyTorch from Python when {@code /usr/bin/python3} has {@code torch}.
 *
 * <pre>
 * java ... org.pleura.bench.train.TrainBenchmark --size 256 --width 32 --batch 16 --steps 10 --threads 2
 * </pre>
 */
public final class TrainBenchmark {

    /** Nine outputs: eight findings and the study level, as the default model. */
    static final List<String> OUTPUTS = List.of("pneumothorax", "effusion", "consolidation", "nodule", "cardiomegaly",
            "atelectasis", "edema", "infiltration", "abnormal");

    /**
     * One measurement.
     *
     * @param engine              what ran it
     * @param size                input side
     * @param width               ResNet-18 base width
     * @param batch               training batch size
     * @param threads             compute threads
     * @param trainImagesPerSecond training throughput (wall clock)
     * @param trainImagesPerCpuSecond training throughput per second of process CPU time (all threads): the
     *                               meaningful figure when the machine is shared
     * @param forwardMsMedian     batch-1 forward pass, median milliseconds
     * @param detectorMsMedian    batch-1 {@link Detector#detect} on a 512 px image, median ms (NaN if not measured)
     * @param onnxForwardMsMedian the forward pass through ONNX Runtime, median ms (NaN if not measured)
     * @param onnxDetectorMsMedian {@link Detector#detect} on ONNX Runtime, median ms (NaN if not measured)
     */
    public record Result(String engine, int size, int width, int batch, int threads, double trainImagesPerSecond,
                         double trainImagesPerCpuSecond, double forwardMsMedian, double detectorMsMedian, double onnxForwardMsMedian,
                         double onnxDetectorMsMedian) {

        /** A Markdown table row. */
        public String row() {
            return String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %.1f | %.2f | %.1f | %s | %s | %s |", engine,
                    ResNetSpec.resnet18(width).name(), size, batch, threads, trainImagesPerSecond,
                    trainImagesPerCpuSecond, forwardMsMedian,
                    ms(detectorMsMedian), ms(onnxForwardMsMedian), ms(onnxDetectorMsMedian));
        }

        private static String ms(double v) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
        }
    }

    private TrainBenchmark() {
    }

    /** Training and inference speed of Pleura's network through DJL and PyTorch. */
    public static Result measureDjl(int size, int width, int batch, int steps, int warmup, int latencyRuns, int threads)
            throws IOException {
        Engine.getInstance().setRandomSeed(0);
        FindingNetwork net = new FindingNetwork(ResNetSpec.resnet18(width), OUTPUTS.size());
        double trainIps;
        double trainIpcs;
        double forwardMs;
        double[] detectorMs;
        try (Model model = Model.newInstance("bench"); NDManager state = NDManager.newBaseManager()) {
            model.setBlock(net);
            float[] pw = new float[OUTPUTS.size()];
            Arrays.fill(pw, 4f);
            Tracker lr = Tracker.fixed(1e-3f);
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(new MaskedBceLoss(pw))
                    .optOptimizer(ResumableAdamW.create(net.getParameters(), lr, 1e-4f, 0, state))
                    .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                            XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT);
            Random r = new Random(0);
            float[] x = new float[batch * size * size];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            float[] y = new float[batch * OUTPUTS.size()];
            for (int i = 0; i < y.length; i++) {
                y[i] = r.nextDouble() < 0.2 ? 1 : 0;
            }
            float[] m = new float[y.length];
            Arrays.fill(m, 1f);
            try (ai.djl.training.Trainer t = model.newTrainer(cfg)) {
                t.initialize(new Shape(batch, 1, size, size));
                long start = 0;
                long cpuStart = 0;
                for (int i = 0; i < warmup + steps; i++) {
                    if (i == warmup) {
                        start = System.nanoTime();
                        cpuStart = processCpuNanos();
                    }
                    try (NDManager scope = t.getManager().newSubManager()) {
                        NDArray xa = scope.create(x, new Shape(batch, 1, size, size));
                        NDList labels = new NDList(scope.create(y, new Shape(batch, OUTPUTS.size())),
                                scope.create(m, new Shape(batch, OUTPUTS.size())));
                        try (GradientCollector gc = t.newGradientCollector()) {
                            NDArray loss = t.getLoss().evaluate(labels, t.forward(new NDList(xa)));
                            gc.backward(loss);
                        }
                        t.step();
                    }
                }
                trainIps = steps * (double) batch / ((System.nanoTime() - start) / 1e9);
                trainIpcs = steps * (double) batch / ((processCpuNanos() - cpuStart) / 1e9);
                double[] ms = new double[latencyRuns];
                float[] one = Arrays.copyOf(x, size * size);
                for (int i = 0; i < 5 + latencyRuns; i++) {
                    long s0 = System.nanoTime();
                    try (NDManager scope = t.getManager().newSubManager()) {
                        t.evaluate(new NDList(scope.create(one, new Shape(1, 1, size, size)))).get(0).toFloatArray();
                    }
                    if (i >= 5) {
                        ms[i - 5] = (System.nanoTime() - s0) / 1e6;
                    }
                }
                forwardMs = median(ms);
            }
            detectorMs = detectorLatency(net, size, latencyRuns, threads);
        }
        return new Result("DJL " + Engine.getInstance().getVersion() + " / PyTorch",
                size, width, batch, threads, trainIps, trainIpcs, forwardMs, detectorMs[0], detectorMs[1], detectorMs[2]);
    }

    /** {@code [DJL detect, ONNX forward, ONNX detect]} medians in ms. */
    private static double[] detectorLatency(FindingNetwork net, int size, int runs, int threads) throws IOException {
        Path dir = Files.createTempDirectory("pleura-bench");
        try {
            Map<String, FindingThresholds> t = new LinkedHashMap<>();
            OUTPUTS.forEach(id -> t.put(id, FindingThresholds.uncalibrated(0.05, 0.01)));
            ModelDescriptor d = new ModelDescriptor(ModelDescriptor.FORMAT_VERSION, "bench", "0", "chest",
                    Architecture.of(net.spec()), Preprocessing.of(size), OUTPUTS, t, Map.of(), null);
            ModelPackage pkg = ModelPackage.write(dir, d, net, "# bench\n", WeightsFile.Storage.FLOAT16);
            Random r = new Random(1);
            float[] px = new float[512 * 512];
            for (int i = 0; i < px.length; i++) {
                px[i] = r.nextFloat();
            }
            GrayImage image = new GrayImage(512, 512, px);
            double[] out = new double[3];
            try (Detector djl = Detector.of(pkg, 1, BoxExtractor.defaults(), Detector.Backend.DJL_PYTORCH);
                 Detector ort = Detector.of(pkg, threads, BoxExtractor.defaults(), Detector.Backend.ONNX_RUNTIME)) {
                float[] input = ort.preprocessor().prepare(image);
                double[] a = new double[runs];
                double[] b = new double[runs];
                double[] c = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long s0 = System.nanoTime();
                    djl.detect(image);
                    long s1 = System.nanoTime();
                    ort.forward(input);
                    long s2 = System.nanoTime();
                    ort.detect(image);
                    long s3 = System.nanoTime();
                    a[i] = (s1 - s0) / 1e6;
                    b[i] = (s2 - s1) / 1e6;
                    c[i] = (s3 - s2) / 1e6;
                }
                out[0] = median(a);
                out[1] = median(b);
                out[2] = median(c);
                return out;
            } catch (Exception e) {
                throw new IOException("detector benchmark failed: " + e.getMessage(), e);
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The same network in PyTorch from Python, or empty when python3 with torch or the script is missing. */
    public static Optional<Result> measurePython(Path script, int size, int width, int batch, int steps, int warmup,
                                                 int latencyRuns, int threads) throws IOException {
        if (!Files.isRegularFile(script) || !Files.isExecutable(Path.of("/usr/bin/python3"))) {
            return Optional.empty();
        }
        List<String> cmd = List.of("/usr/bin/python3", script.toString(), "--size", "" + size, "--width", "" + width,
                "--batch", "" + batch, "--steps", "" + steps, "--warmup", "" + warmup, "--latency-runs", "" + latencyRuns,
                "--threads", "" + threads, "--outputs", "" + OUTPUTS.size());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                if (err.contains("No module named 'torch'")) {
                    return Optional.empty();
                }
                throw new IOException("PyTorch benchmark failed: " + err.lines().reduce((a, b) -> b).orElse(""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String last = out.lines().reduce((a, b) -> b).orElse("{}");
        JsonNode j = new ObjectMapper().readTree(last);
        return Optional.of(new Result(j.get("engine").asText(), size, width, batch, j.get("threads").asInt(),
                j.get("train_images_per_second").asDouble(), j.get("train_images_per_cpu_second").asDouble(),
                j.get("latency_ms_median").asDouble(), Double.NaN, Double.NaN,
                Double.NaN));
    }

    /** CPU time of this process, all threads (native ones included), or wall time if the JVM cannot tell. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return System.nanoTime();
    }

    /** The table header matching {@link Result#row()}. */
    public static String header() {
        return "| engine | network | input | batch | threads | train images/s | train images per CPU-s | forward ms (batch 1) "
                + "| detect ms (512 px) | ONNX Runtime forward ms | ONNX Runtime detect ms |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    /**
     * Runs the comparison. Options: {@code --size N} (repeatable), {@code --width N} (repeatable), {@code --batch},
     * {@code --steps}, {@code --warmup}, {@code --latency-runs}, {@code --threads}, {@code --no-python},
     * {@code --script PATH}.
     */
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        int batch = 16;
        int steps = 10;
        int warmup = 2;
        int runs = 30;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean python = true;
        Path script = Path.of("scripts/bench/resnet18_torch.py");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> sizes.add(Integer.parseInt(args[++i]));
                case "--width" -> widths.add(Integer.parseInt(args[++i]));
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--latency-runs" -> runs = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--no-python" -> python = false;
                case "--script" -> script = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (sizes.isEmpty()) {
            sizes.add(256);
        }
        if (widths.isEmpty()) {
            widths.add(32);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.out.println(header());
        for (int width : widths) {
            for (int size : sizes) {
                Result djl = measureDjl(size, width, batch, steps, warmup, runs, threads);
                System.out.println(djl.row());
                if (python) {
                    Optional<Result> py = measurePython(script, size, width, batch, steps, warmup, runs, threads);
                    if (py.isPresent()) {
                        System.out.println(py.get().row());
                        System.out.printf(Locale.ROOT, "| ratio DJL / Python | | | | | %.2f | %.2f | %.2f | | | |%n",
                                djl.trainImagesPerSecond() / py.get().trainImagesPerSecond(),
                                djl.trainImagesPerCpuSecond() / py.get().trainImagesPerCpuSecond(),
                                djl.forwardMsMedian() / py.get().forwardMsMedian());
                    } else {
                        System.out.println("| (PyTorch from Python not available: apt-get install python3-torch) | | | | | | | | | | |");
                    }
                }
                System.out.flush();
            }
        }
    }
}
