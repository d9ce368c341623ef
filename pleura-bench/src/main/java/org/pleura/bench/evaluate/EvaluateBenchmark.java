package org.pleura.bench.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pleura.model.Detector;
import org.pleura.train.eval.BootstrapSettings;
import org.pleura.train.eval.EvaluationResult;
import org.pleura.train.eval.run.DetectorEvaluation;
import org.pleura.train.eval.run.EvaluationOptions;
import org.pleura.train.eval.run.ScoringProgress;

/**
 * Time and resident memory of {@code pleura evaluate} on a manifest of N rows, to show that memory stays bounded
 * whatever the manifest's size. The rows are the NIH images of {@code ../shared}, repeated through symbolic links to
 * their folder (so every row has its own path, as in a hospital's manifest) with their labels. The peak resident set
 * ({@code VmHWM} of {@code /proc/self/status}) of this JVM is read after each run; run one size per JVM for a clean
 * peak ({@code pleura bench evaluate --rows N}).
 */
public final class EvaluateBenchmark {

    /**
     * One measurement.
     *
     * @param rows          manifest rows
     * @param seconds       wall time of the whole evaluation (scoring, metrics, files)
     * @param peakRssMib    peak resident set of the process, MiB
     * @param heapMaxMib    the JVM's maximum heap, MiB
     * @param engine        the engine
     * @param threads       images scored at once
     */
    public record Result(int rows, double seconds, double peakRssMib, double heapMaxMib, String engine, int threads) {
        /** A Markdown table row. */
        public String row() {
            return String.format(Locale.ROOT, "| %,d | %s | %d | %.0f | %.1f | %.0f | %.0f |", rows, engine, threads,
                    seconds, rows / seconds, peakRssMib, heapMaxMib);
        }

        /** The table header. */
        public static String header() {
            return "| rows | engine | threads | seconds | images/s | peak RSS (MiB) | max heap (MiB) |\n|---:|---|---:|---:|---:|---:|---:|";
        }
    }

    private EvaluateBenchmark() {
    }

    /**
     * Builds a manifest of {@code rows} rows from the NIH manifest in {@code work}: copy {@code k} of the images folder
     * is the symbolic link {@code images-k}.
     */
    public static Path manifest(Path nih, Path work, int rows) throws IOException {
        List<String> lines = Files.readAllLines(nih.resolve("manifest.csv"), StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        int n = lines.size() - 1;
        for (int i = 0; i < rows; i++) {
            int copy = i / n;
            String line = lines.get(1 + i % n);
            Path link = work.resolve("images-" + copy);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, nih.resolve("images").toAbsolutePath());
            }
            // the path is the first field; patient ids get the copy number so copies are other patients
            String[] f = line.split(",", -1);
            f[0] = f[0].replaceFirst("^images/", "images-" + copy + "/");
            f[1] = f[1] + "c" + copy;
            out.add(String.join(",", f));
        }
        Path m = work.resolve("manifest-" + rows + ".csv");
        Files.write(m, out, StandardCharsets.UTF_8);
        return m;
    }

    /** Evaluates a model on a manifest of {@code rows} rows and reads the process's peak resident set. */
    public static Result run(Path model, Path nih, Path work, int rows, int threads, Detector.Backend engine)
            throws Exception {
        Path manifest = manifest(nih, work, rows);
        Path out = work.resolve("eval-" + rows);
        long start = System.nanoTime();
        EvaluationResult r = DetectorEvaluation.run(new EvaluationOptions(model, manifest, out, Optional.empty(),
                Optional.empty(), new BootstrapSettings(200, 1, true), threads, List.of("source"), engine),
                DetectorEvaluation.radiographs(), ScoringProgress.none());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (r.data().evaluatedImages() != rows) {
            throw new IllegalStateException("evaluated " + r.data().evaluatedImages() + " of " + rows + " rows: "
                    + r.data().skipped().values().stream().limit(3).toList());
        }
        return new Result(rows, seconds, peakRssMib(), Runtime.getRuntime().maxMemory() / 1048576.0,
                engine == Detector.Backend.ONNX_RUNTIME ? "onnxruntime" : "djl-pytorch", threads);
    }

    /** The peak resident set of this process (Linux), MiB; NaN elsewhere. */
    public static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
