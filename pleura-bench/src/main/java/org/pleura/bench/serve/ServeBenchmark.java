package org.pleura.bench.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.UID;
import org.pleura.dicom.WriteOptions;

/**
 * Load benchmark of {@code pleura serve}: {@code S} parallel dcmtk {@code storescu} senders, {@code N} radiographs
 * each (copies of one DICOM radiograph with new study, series and SOP Instance UIDs), sent to the server running
 * in its own JVM, results routed to a real Orthanc. Reports throughput (radiographs per minute, from the first
 * C-STORE to the last result acknowledged by Orthanc), time to result at the PACS (from reception to Orthanc's
 * acknowledgement of both SR and SC; median, 95th percentile, maximum), the server's peak resident memory
 * (VmHWM) and errors (refused stores, failed jobs, results missing at the PACS). With {@code --interval MS} each
 * sender sends one image per association every MS milliseconds (a paced modality): the time to result is then the
 * latency of one image rather than the wait behind a burst.
 *
 * <pre>
 * java -cp ... org.pleura.bench.serve.ServeBenchmark [--senders 8] [--images 200] [--model PKG]
 *      [--source FILE.dcm] [--workers N] [--interval MS] [--shared ../shared] [--work DIR] [--keep]
 *      [--server-opts "-Xmx2g"]
 * </pre>
 *
 * Without {@code --model}, {@code PLEURA_MODEL} or a package under {@code models/}, a stand-in with the default
 * training architecture and random weights is used (same compute as a trained default model); the report says
 * which. Needs dcmtk ({@code storescu}) and Orthanc ({@code /usr/sbin/Orthanc}).
 */
public final class ServeBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern READY = Pattern.compile("pleura serve: ready http=(\\d+) dicom=(\\d+)");
    /** The first admin's password given to the server under test; the benchmark reads the API as admin. */
    private static final String ADMIN_PASSWORD = "bench-" + UID.generate().substring(5, 25);
    private static final String AUTHORIZATION = "Basic " + java.util.Base64.getEncoder().encodeToString(
            ("admin:" + ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    /** The default radiograph, relative to the shared folder: 1024 x 1024, 8-bit, explicit VR little endian. */
    public static final String DEFAULT_SOURCE =
            "data/dicom/derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_explicitLE.dcm";

    /**
     * What was measured.
     *
     * @param images          radiographs sent
     * @param seconds         first C-STORE to last result acknowledged by the PACS
     * @param receiveSeconds  first C-STORE to last C-STORE response
     * @param latencies       time to result at the PACS per image, seconds, sorted
     * @param peakRssBytes    the server's peak resident set size
     * @param storeFailures   C-STORE requests not answered with success
     * @param failedJobs      jobs that failed
     * @param refused         images the input checks refused (not errors: no result to send)
     * @param atPacs          instances Orthanc holds at the end
     * @param model           the model used, in words
     */
    public record Result(int images, double seconds, double receiveSeconds, double[] latencies, long peakRssBytes,
                         int storeFailures, int failedJobs, int refused, int atPacs, String model) {

        public double perMinute() {
            return images * 60.0 / seconds;
        }

        public double percentile(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, i))];
        }

        public int errors() {
            return storeFailures + failedJobs + Math.max(0, 2 * (images - refused) - atPacs);
        }
    }

    private ServeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        int senders = Integer.parseInt(a.getOrDefault("senders", "8"));
        int images = Integer.parseInt(a.getOrDefault("images", "200"));
        Path shared = Path.of(a.getOrDefault("shared", System.getProperty("pleura.shared", "../shared")));
        Path source = a.containsKey("source") ? Path.of(a.get("source")) : shared.resolve(DEFAULT_SOURCE);
        boolean keep = a.containsKey("keep");
        Path work = a.containsKey("work") ? Path.of(a.get("work")) : Files.createTempDirectory("pleura-bench-serve");
        Files.createDirectories(work);
        String load = loadAverage();
        try {
            Result r = run(work, source, senders, images, a.get("model"), a.get("workers"),
                    a.getOrDefault("server-opts", "-Xmx2g"), Long.parseLong(a.getOrDefault("interval", "0")));
            System.out.println(markdown(r, senders, load, loadAverage(), String.join(" ", args)));
        } finally {
            if (!keep) {
                deleteTree(work);
            }
        }
    }

    /** Runs the benchmark in {@code work} (which must be empty or absent). */
    public static Result run(Path work, Path source, int senders, int images, String modelArg, String workers,
                             String serverOpts, long intervalMillis) throws Exception {
        Path storescu = which("storescu").orElseThrow(() -> new IllegalStateException(
                "storescu (dcmtk) is not installed: apt-get install dcmtk"));
        Path orthancExe = which("Orthanc", "/usr/sbin").orElseThrow(() -> new IllegalStateException(
                "Orthanc is not installed: apt-get install orthanc"));
        String[] model = model(modelArg, work);
        System.err.println("serve benchmark: model " + model[1] + "; preparing " + senders + " x " + images
                + " radiographs from " + source.getFileName());
        List<List<Path>> batches = prepare(source, work.resolve("send"), senders, images);

        Process orthanc = null;
        Process server = null;
        try {
            int orthancHttp = freePort();
            int orthancDicom = freePort();
            orthanc = startOrthanc(orthancExe, work.resolve("orthanc"), orthancHttp, orthancDicom);
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(Arrays.asList(serverOpts.trim().split("\\s+")));
            cmd.addAll(List.of("-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                    "org.pleura.server.Main", "--data", work.resolve("data").toString(), "--http-port", "0",
                    "--dicom-port", "0", "--model", model[0], "--route", "ORTHANC@127.0.0.1:" + orthancDicom,
                    "--max-associations", Integer.toString(Math.max(32, senders * 2)),
                    // every sender runs on this machine: the per-address limit must not throttle the benchmark
                    "--max-associations-per-address", Integer.toString(Math.max(32, senders * 2))));
            if (workers != null) {
                cmd.addAll(List.of("--workers", workers));
            }
            Path log = work.resolve("server.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("PLEURA_ADMIN_PASSWORD", ADMIN_PASSWORD);
            server = pb.start();
            int[] ports = awaitReady(server, log);
            String base = "http://localhost:" + ports[0];
            System.err.println("serve benchmark: server ready (pid " + server.pid() + "); sending");

            long t0 = System.nanoTime();
            List<Thread> running = new ArrayList<>();
            int[] ok = new int[senders];
            for (int s = 0; s < senders; s++) {
                int sender = s;
                Thread t = new Thread(() -> ok[sender] = send(storescu, sender, ports[1], batches.get(sender),
                        intervalMillis, work));
                t.start();
                running.add(t);
            }
            for (Thread t : running) {
                t.join();
            }
            int stored = Arrays.stream(ok).sum();
            double receiveSeconds = (System.nanoTime() - t0) / 1e9;
            int total = senders * images;
            System.err.println("serve benchmark: " + stored + " of " + total + " stored in "
                    + String.format(Locale.ROOT, "%.1f", receiveSeconds) + " s; waiting for results");
            int expected = stored;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(60);
            int[] last = new int[4];
            while (System.nanoTime() < deadline) {
                String metrics = get(base + "/metrics");
                int routed = gauge(metrics, "route", "done");
                int refused = gauge(metrics, "analyze", "refused");
                int failed = gauge(metrics, "analyze", "failed") + gauge(metrics, "route", "failed");
                if (routed != last[0]) {
                    System.err.println("serve benchmark: " + routed + " results at the PACS");
                    last[0] = routed;
                }
                if (routed + refused + failed >= expected && gauge(metrics, "analyze", "queued")
                        + gauge(metrics, "analyze", "running") == 0) {
                    break;
                }
                Thread.sleep(250);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long peak = peakRss(server.pid());
            String metrics = get(base + "/metrics");
            double[] lat = latencies(base);
            int atPacs = JSON.readTree(get("http://localhost:" + orthancHttp + "/statistics")).get("CountInstances")
                    .asInt();
            return new Result(total, seconds, receiveSeconds, lat, peak, total - stored,
                    gauge(metrics, "analyze", "failed") + gauge(metrics, "route", "failed"),
                    gauge(metrics, "analyze", "refused"), atPacs, model[1]);
        } finally {
            stop(server);
            stop(orthanc);
        }
    }

    /**
     * One sender: all its files on one association, or with {@code intervalMillis > 0} one association per file
     * with that pause between files (a paced modality rather than a burst).
     *
     * @return how many were stored (success responses)
     */
    private static int send(Path storescu, int sender, int port, List<Path> files, long intervalMillis, Path work) {
        List<List<Path>> calls = new ArrayList<>();
        if (intervalMillis > 0) {
            files.forEach(f -> calls.add(List.of(f)));
        } else {
            calls.add(files);
        }
        int ok = 0;
        try {
            for (int i = 0; i < calls.size(); i++) {
                long start = System.nanoTime();
                List<String> c = new ArrayList<>(List.of(storescu.toString(), "-v", "-nh", "-aet", "SENDER" + sender,
                        "-aec", "PLEURA", "localhost", Integer.toString(port)));
                calls.get(i).forEach(p -> c.add(p.toString()));
                Path log = work.resolve("storescu-" + sender + "-" + i + ".log");
                new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile()).start().waitFor();
                ok += (int) Files.readAllLines(log).stream()
                        .filter(l -> l.contains("Received Store Response (Success)")).count();
                long pause = intervalMillis - (System.nanoTime() - start) / 1_000_000;
                if (intervalMillis > 0 && pause > 0 && i < calls.size() - 1) {
                    Thread.sleep(pause);
                }
            }
        } catch (IOException e) {
            System.err.println("serve benchmark: sender " + sender + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ok;
    }

    /** {path, description}: the model given, PLEURA_MODEL, the last package under models/, or a stand-in. */
    private static String[] model(String arg, Path work) throws IOException {
        if (arg != null) {
            return new String[]{arg, arg};
        }
        String env = System.getenv("PLEURA_MODEL");
        if (env != null && !env.isBlank()) {
            return new String[]{env, env + " (PLEURA_MODEL)"};
        }
        Path models = Path.of("models");
        if (Files.isDirectory(models)) {
            try (Stream<Path> s = Files.list(models)) {
                Optional<Path> p = s.filter(x -> Files.isRegularFile(x.resolve("model.json")))
                        .max(Comparator.comparing(x -> x.getFileName().toString()));
                if (p.isPresent()) {
                    return new String[]{p.get().toString(), p.get().toString()};
                }
            }
        }
        Path dir = StandInModel.write(work.resolve("stand-in-model"), 256, 32);
        return new String[]{dir.toString(), "stand-in (no trained model found): ResNet-18 width 32 at 256 px, every "
                + "chest finding, random weights (the compute of the default trained architecture)"};
    }

    private static List<List<Path>> prepare(Path source, Path dir, int senders, int images) throws IOException {
        DicomFile f = DicomReader.read(source);
        List<List<Path>> out = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Path d = dir.resolve("sender-" + s);
            Files.createDirectories(d);
            List<Path> batch = new ArrayList<>();
            for (int i = 0; i < images; i++) {
                String sop = UID.generate();
                DicomObject ds = f.dataset().toBuilder().putString(Tag.SOPInstanceUID, sop)
                        .putString(Tag.of(0x0020, 0x000D), UID.generate())
                        .putString(Tag.of(0x0020, 0x000E), UID.generate())
                        .putString(Tag.AccessionNumber, String.format("B%02d%05d", s, i)).build();
                DicomObject meta = f.fileMeta().toBuilder().putString(Tag.MediaStorageSOPInstanceUID, sop).build();
                Path p = d.resolve(String.format("%05d.dcm", i));
                DicomWriter.write(p, meta, ds, f.transferSyntax(), WriteOptions.DEFAULT);
                batch.add(p);
            }
            out.add(batch);
        }
        return out;
    }

    private static Process startOrthanc(Path exe, Path dir, int http, int dicom) throws Exception {
        Files.createDirectories(dir);
        ObjectNode c = JSON.createObjectNode();
        c.put("Name", "pleura-bench");
        c.put("StorageDirectory", dir.resolve("storage").toString());
        c.put("IndexDirectory", dir.resolve("index").toString());
        c.put("HttpPort", http);
        c.put("DicomPort", dicom);
        c.put("DicomAet", "ORTHANC");
        c.put("RemoteAccessAllowed", true);
        c.put("AuthenticationEnabled", false);
        c.put("DicomCheckCalledAet", false);
        c.put("SaveJobs", false);
        c.put("KeepAlive", false); // no reuse of a connection Orthanc closes after 1 s idle (see the tests' Orthanc)
        c.putArray("Plugins");
        JSON.writeValue(dir.resolve("orthanc.json").toFile(), c);
        Process p = new ProcessBuilder(exe.toString(), dir.resolve("orthanc.json").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("orthanc.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                get("http://localhost:" + http + "/system");
                return p;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("Orthanc exited: " + Files.readString(dir.resolve("orthanc.log")));
                }
                Thread.sleep(200);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("Orthanc did not start within 60 s");
    }

    private static int[] awaitReady(Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = READY.matcher(text);
            if (m.find()) {
                return new int[]{Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited: " + text);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server was not ready within 3 minutes");
    }

    /** Time to result per image: from reception to the PACS acknowledging its SR and SC, sorted, seconds. */
    private static double[] latencies(String base) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int offset = 0; ; offset += 1000) {
            JsonNode jobs = JSON.readTree(get(base + "/api/jobs?kind=route&state=done&limit=1000&offset=" + offset));
            for (JsonNode j : jobs) {
                JsonNode inst = JSON.readTree(get(base + "/api/instances/" + j.get("sopInstanceUid").asText()));
                long received = Instant.parse(inst.get("receivedAt").asText()).toEpochMilli();
                long done = Instant.parse(j.get("finishedAt").asText()).toEpochMilli();
                out.add((done - received) / 1000.0);
            }
            if (jobs.size() < 1000) {
                break;
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static int gauge(String metrics, String kind, String state) {
        Matcher m = Pattern.compile("^pleura_jobs\\{kind=\"" + kind + "\",state=\"" + state + "\"} (\\d+)",
                Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Peak resident set size of a process (VmHWM), in bytes; 0 where /proc is absent. */
    static long peakRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", AUTHORIZATION).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String markdown(Result r, int senders, String loadBefore, String loadAfter, String args) {
        double perDay = 3000;
        StringBuilder b = new StringBuilder();
        b.append("| measure | value |\n|---|---|\n");
        b.append(String.format(Locale.ROOT, "| radiographs | %d (%d senders x %d) |%n", r.images(), senders,
                r.images() / senders));
        b.append("| model | ").append(r.model()).append(" |\n");
        b.append(String.format(Locale.ROOT, "| throughput | **%.0f radiographs/min** (first C-STORE to last result "
                + "at the PACS, %.1f s) |%n", r.perMinute(), r.seconds()));
        b.append(String.format(Locale.ROOT, "| reception alone | %.0f radiographs/min (%.1f s for all C-STOREs) |%n",
                r.images() * 60.0 / r.receiveSeconds(), r.receiveSeconds()));
        b.append(String.format(Locale.ROOT, "| time to result at the PACS | median %.1f s, 95th percentile %.1f s, "
                + "max %.1f s |%n", r.percentile(50), r.percentile(95), r.percentile(100)));
        b.append(String.format(Locale.ROOT, "| server peak memory (VmHWM) | %.0f MiB |%n", r.peakRssBytes() / 1048576.0));
        b.append(String.format(Locale.ROOT, "| errors | %d (stores refused %d, jobs failed %d; %d refused by the input "
                + "checks; %d objects at the PACS) |%n", r.errors(), r.storeFailures(), r.failedJobs(), r.refused(),
                r.atPacs()));
        b.append(String.format(Locale.ROOT, "| a day of %.0f radiographs | %.0f minutes |%n", perDay,
                perDay / r.perMinute()));
        b.append("| load average before / after | ").append(loadBefore).append(" / ").append(loadAfter).append(" |\n");
        b.append("| arguments | `").append(args.isEmpty() ? "(defaults)" : args).append("` |\n");
        return b.toString();
    }

    private static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return p[0] + " " + p[1] + " " + p[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<Path> which(String tool, String... extra) {
        List<String> dirs = new ArrayList<>(Arrays.asList(System.getenv().getOrDefault("PATH", "").split(
                File.pathSeparator)));
        dirs.addAll(Arrays.asList(extra));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool)).filter(Files::isExecutable)
                .findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String k = args[i].substring(2);
            if (k.equals("keep")) {
                out.put(k, "true");
            } else if (i + 1 < args.length) {
                out.put(k, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + k + " needs a value");
            }
        }
        return out;
    }
}
