package org.pleura.bench.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Throughput of {@code pleura batch} with Spark local[1], local[2] and a standalone cluster on localhost (one master,
 * two one-core workers, started from {@code pleura-batch/target/spark-home}, the batch jar's own Spark jars), next to
 * {@code pleura analyze --threads 2}, on the same N NIH radiographs copied into one folder. Each variant is a separate
 * process timed from outside (wall), and the batch variants also report their own analysis time (from their run
 * records: reading and analysing, the models already loaded on every executor, without the JVM and Spark start-up
 * and the Parquet writes). Prints a Markdown table for {@code docs/benchmarks.md} with the
 * commands.
 *
 * <pre>
 * java -cp ... org.pleura.bench.batch.BatchBenchmark --root REPO --shared ../shared [--images 400] [--work DIR] [--keep]
 * </pre>
 */
public final class BatchBenchmark {

    /** What Spark 4 needs opened on Java 17 when started with -cp (the batch jar's manifest carries it for -jar). */
    static final List<String> SPARK_JAVA_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");
    private static final List<String> JVM = List.of("-Xmx4g", "-Dai.djl.offline=true", "-XX:+UseParallelGC");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One variant.
     *
     * @param variant         what ran
     * @param command         the command (paths shortened)
     * @param cores           cores it was given
     * @param images          images analysed, refused or failed
     * @param wallSeconds     the whole process, start-up included
     * @param analysisSeconds the batch's own analysis and write time (NaN for pleura analyze)
     */
    public record Row(String variant, String command, int cores, long images, double wallSeconds, double analysisSeconds,
                      double analysisCpuSeconds, double processCpuSeconds) {

        /** Images per second: over the analysis time when known, else over the wall time. */
        public double rate() {
            return Double.isNaN(analysisSeconds) ? images / wallSeconds : images / analysisSeconds;
        }

        /** Images per second over the wall time. */
        public double wallRate() {
            return images / wallSeconds;
        }

        public String markdown() {
            return String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %s | %.2f | %.2f | %.2f | %s | %s |", variant, cores,
                    images, wallSeconds, opt(analysisSeconds, "%.1f"), wallRate(), rate(), rate() / cores,
                    opt(analysisCpuSeconds * 1000 / images, "%.1f"), opt(processCpuSeconds, "%.1f"));
        }

        private static String opt(double v, String format) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
        }
    }

    private BatchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = null;
        Path shared = null;
        Path work = null;
        int images = 400;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--shared" -> shared = Path.of(args[++i]);
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (root == null || shared == null) {
            throw new IllegalArgumentException("--root REPO and --shared DIR are required");
        }
        Path batchJar = root.resolve("pleura-batch/target/pleura-batch.jar");
        Path cliJar = root.resolve("pleura-cli/target/pleura-cli.jar");
        Path sparkHome = root.resolve("pleura-batch/target/spark-home");
        for (Path p : List.of(batchJar, cliJar, sparkHome.resolve("jars"))) {
            if (!Files.exists(p)) {
                throw new IllegalStateException(p + " is absent: build first (mvn -DskipTests package)");
            }
        }
        if (work == null) {
            work = Files.createTempDirectory("pleura-bench-batch");
        }
        Path folder = copyImages(shared.resolve("data/nih-cxr"), work.resolve("images"), images);
        System.err.println("bench batch: " + images + " NIH images in " + folder + "; load: " + load());
        List<Row> rows = new ArrayList<>();
        rows.add(analyze(cliJar, folder, work, images));
        rows.add(local(batchJar, folder, work, 1));
        rows.add(local(batchJar, folder, work, 2));
        rows.add(cluster(batchJar, sparkHome, folder, work));
        System.out.println("| variant | cores | images | wall s | analysis s | images/s (wall) | images/s | images/s per core "
                + "| analysis CPU ms per image | process CPU s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(r -> System.out.println(r.markdown()));
        Row l1 = rows.get(1);
        Row l2 = rows.get(2);
        System.out.printf(Locale.ROOT, "%nlocal[2] / local[1] throughput: %.2f (analysis time), %.2f (wall); load after: %s%n",
                l2.rate() / l1.rate(), l2.wallRate() / l1.wallRate(), load());
        System.out.printf(Locale.ROOT, "analysis CPU per image: local[1] %.1f ms, local[2] %.1f ms, cluster %.1f ms%n",
                l1.analysisCpuSeconds() * 1000 / l1.images(), l2.analysisCpuSeconds() * 1000 / l2.images(),
                rows.get(3).analysisCpuSeconds() * 1000 / rows.get(3).images());
        rows.forEach(r -> System.out.println("- " + r.variant() + ": `" + r.command() + "`"));
        if (!keep) {
            deleteTree(work);
        }
    }

    private static Path copyImages(Path nih, Path folder, int n) throws IOException {
        Files.createDirectories(folder);
        List<String> lines = Files.readAllLines(nih.resolve("manifest.csv"), StandardCharsets.UTF_8);
        int copied = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (copied == n) {
                break;
            }
            Path src = nih.resolve(line.substring(0, line.indexOf(',')));
            Path dst = folder.resolve(src.getFileName());
            if (!Files.exists(dst)) {
                Files.copy(src, dst);
            }
            copied++;
        }
        if (copied < n) {
            throw new IllegalStateException("only " + copied + " images in " + nih);
        }
        return folder;
    }

    private static Row analyze(Path cliJar, Path folder, Path work, int images) throws Exception {
        List<String> cmd = java(JVM, List.of("-jar", cliJar.toString(), "analyze", "--threads", "2", folder.toString()));
        Path time = work.resolve("analyze.time");
        double wall = run(timed(cmd, time), work.resolve("analyze.log"), Map.of());
        return new Row("pleura analyze --threads 2", "./pleura analyze --threads 2 IMAGES/", 2, images, wall, Double.NaN,
                Double.NaN, cpu(time));
    }

    private static Row local(Path batchJar, Path folder, Path work, int cores) throws Exception {
        Path out = work.resolve("local" + cores);
        List<String> cmd = java(JVM, List.of("-jar", batchJar.toString(), "batch", folder.toString(), "--out",
                out.toString(), "--master", "local[" + cores + "]"));
        Path time = work.resolve("local" + cores + ".time");
        double wall = run(timed(cmd, time), work.resolve("local" + cores + ".log"), Map.of());
        return ledgerRow("pleura batch, local[" + cores + "]", "./pleura batch IMAGES/ --out OUT --master local[" + cores + "]",
                cores, wall, out, cpu(time));
    }

    private static Row cluster(Path batchJar, Path sparkHome, Path folder, Path work) throws Exception {
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13",
                "SPARK_LOCAL_IP", "127.0.0.1");
        String cp = sparkHome.resolve("jars") + File.separator + "*";
        List<Process> daemons = new ArrayList<>();
        try {
            daemons.add(start(java(SPARK_JAVA_OPTIONS, List.of("-Xmx512m", "-cp", cp,
                    "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "7077", "--webui-port", "8090")),
                    work.resolve("master.log"), env));
            for (int w = 1; w <= 2; w++) {
                daemons.add(start(java(SPARK_JAVA_OPTIONS, List.of("-Xmx512m", "-cp", cp,
                        "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "3g",
                        "--webui-port", Integer.toString(8090 + w), "--work-dir", work.resolve("worker" + w).toString(),
                        "spark://127.0.0.1:7077")), work.resolve("worker" + w + ".log"), env));
            }
            awaitWorkers(2);
            Path out = work.resolve("cluster");
            List<String> submit = new ArrayList<>(SPARK_JAVA_OPTIONS);
            submit.addAll(JVM);
            List<String> cmd = java(submit, List.of("-cp", cp, "org.apache.spark.deploy.SparkSubmit",
                    "--master", "spark://127.0.0.1:7077", "--conf", "spark.driver.host=127.0.0.1",
                    "--conf", "spark.executor.cores=1", "--conf", "spark.executor.memory=3g",
                    "--conf", "spark.executor.extraJavaOptions=-Dai.djl.offline=true -XX:+UseParallelGC",
                    "--class", "org.pleura.batch.cli.BatchMain", batchJar.toString(),
                    "batch", folder.toString(), "--out", out.toString()));
            double wall = run(cmd, work.resolve("cluster.log"), env);
            return ledgerRow("pleura batch, standalone cluster (1 master, 2 workers x 1 core)",
                    "spark-submit --master spark://127.0.0.1:7077 --class org.pleura.batch.cli.BatchMain "
                            + "pleura-batch/target/pleura-batch.jar batch IMAGES/ --out OUT", 2, wall, out, Double.NaN);
        } finally {
            for (Process p : daemons) {
                p.destroy();
            }
            for (Process p : daemons) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Waits (polling the master's JSON page) until the workers are registered. */
    private static void awaitWorkers(int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8090/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (JSON.readTree(body).path("aliveworkers").asInt() >= n) {
                    return;
                }
            } catch (IOException e) {
                // the master is not up yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the standalone workers did not register within 120 s (see master.log)");
    }

    private static Row ledgerRow(String variant, String command, int cores, double wall, Path out, double processCpu)
            throws IOException {
        long images = 0;
        double seconds = 0;
        double cpu = 0;
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode r = JSON.readTree(p.toFile());
                images += r.get("analysed").asLong() + r.get("refused").asLong() + r.get("failed").asLong();
                seconds += r.has("analysisSeconds") ? r.get("analysisSeconds").asDouble() : r.get("seconds").asDouble();
                cpu += r.path("taskCpuSeconds").asDouble(Double.NaN);
            }
        }
        return new Row(variant, command, cores, images, wall, seconds, cpu, processCpu);
    }

    /** The command under GNU time, writing "user system" CPU seconds to a file (when /usr/bin/time exists). */
    private static List<String> timed(List<String> cmd, Path out) {
        if (!Files.isExecutable(Path.of("/usr/bin/time"))) {
            return cmd;
        }
        List<String> t = new ArrayList<>(List.of("/usr/bin/time", "-f", "%U %S", "-o", out.toString()));
        t.addAll(cmd);
        return t;
    }

    /** User + system CPU seconds written by GNU time, NaN when absent. */
    private static double cpu(Path timeFile) {
        try {
            String[] f = Files.readString(timeFile).strip().split("\\s+");
            return Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static List<String> java(List<String> options, List<String> rest) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(options);
        cmd.addAll(rest);
        return cmd;
    }

    private static Process start(List<String> cmd, Path log, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Runs a command to its end; its wall time in seconds. */
    private static double run(List<String> cmd, Path log, Map<String, String> env) throws Exception {
        long t0 = System.nanoTime();
        Process p = start(cmd, log, env);
        int status = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (status != 0 && status != 1) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited with " + status + "; see " + log);
        }
        return s;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
