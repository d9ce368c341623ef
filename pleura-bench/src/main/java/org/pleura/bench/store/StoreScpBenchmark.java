package org.pleura.bench.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.net.DicomServer;
import org.pleura.dicom.net.DicomServerConfig;
import org.pleura.dicom.net.DimseStatus;
import org.pleura.dicom.net.ServerStats;

/**
 * Throughput of {@link DicomServer}: N parallel dcmtk {@code storescu} processes, each sending M copies of a
 * 1024x1024 chest radiograph (one association per process), to a server whose handler stores every object
 * durably ({@link org.pleura.dicom.net.StoreRequest#savePart10}: write, force to disk, atomic rename, directory
 * forced). Reports objects per second and megabytes per second of data set received, from the first process
 * started to the last one finished, and the JVM's CPU time. With {@code --reference} the same load is also sent to
 * dcmtk's {@code storescp --fork} (one process per association, writing without forcing to disk) for scale.
 *
 * <p>Command line, from the repository root:
 * <pre>{@code
 * mvn -q -B -o -pl pleura-dicom -am install -DskipTests
 * mvn -q -B -o -pl pleura-dicom dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp pleura-dicom/target/classes:$(cat /tmp/cp.txt) org.pleura.bench.store.StoreScpBenchmark \
 *     [--senders 8] [--copies 50] [--dir DIR] [--file FILE] [--reference] [SHARED_DIR]
 * }</pre>
 * {@code SHARED_DIR} (default {@code ../shared}) holds {@code data/dicom}; the default file is the NIH chest in
 * explicit VR little endian (1 MB). {@code DIR} (default: a temporary directory, deleted afterwards) is where the
 * objects are stored: put it on the disk to measure.
 */
public final class StoreScpBenchmark {

    private StoreScpBenchmark() {
    }

    /** Result of one load. */
    private record Run(String target, int objects, long bytes, double seconds, double cpuSeconds, int failedSenders,
                       String firstError) {
        String row() {
            return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %s | %d |", target, objects, seconds,
                    objects / seconds, bytes / seconds / 1e6, Double.isNaN(cpuSeconds) ? "" : String.format(Locale.ROOT,
                            "%.1f", cpuSeconds), failedSenders);
        }
    }

    public static void main(String[] args) throws Exception {
        int senders = 8;
        int copies = 50;
        Path dir = null;
        Path file = null;
        boolean reference = false;
        Path shared = Path.of("..", "shared");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--senders" -> senders = Integer.parseInt(args[++i]);
                case "--copies" -> copies = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--reference" -> reference = true;
                default -> shared = Path.of(args[i]);
            }
        }
        if (file == null) {
            file = shared.resolve("data/dicom/derived_transcodes/nih_dx/NIHdx_Cardiomegaly_MONO2_8bit_explicitLE.dcm");
        }
        if (!Files.isRegularFile(file)) {
            System.err.println("no such file: " + file + " (give SHARED_DIR or --file)");
            System.exit(2);
        }
        boolean temporary = dir == null;
        Path store = temporary ? Files.createTempDirectory("pleura-bench-store") : Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "%d senders x %d copies of %s (%.2f MB), stored in %s%n", senders, copies,
                file.getFileName(), Files.size(file) / 1e6, store);
        List<Run> runs = new ArrayList<>();
        try {
            warmUp(file, store);
            runs.add(pleura(senders, copies, file, store));
            if (reference) {
                runs.add(storescp(senders, copies, file, store));
            }
        } finally {
            if (temporary) {
                deleteTree(store);
            }
        }
        System.out.println("| receiver | objects | seconds | objects/s | MB/s | receiver CPU s | failed senders |");
        System.out.println("|---|---|---|---|---|---|---|");
        runs.forEach(r -> System.out.println(r.row()));
        for (Run r : runs) {
            if (r.failedSenders() > 0) {
                System.out.println(r.target() + ": first error: " + r.firstError());
            }
        }
    }

    /** A short run so that the JIT has compiled the receiving path. */
    private static void warmUp(Path file, Path store) throws Exception {
        Path dir = Files.createDirectories(store.resolve("warm-up"));
        pleura(2, 10, file, dir);
        deleteTree(dir);
    }

    private static Run pleura(int senders, int copies, Path file, Path store) throws Exception {
        AtomicLong counter = new AtomicLong();
        DicomServerConfig config = DicomServerConfig.builder().aeTitle("PLEURA").port(0)
                .maxAssociations(Math.max(16, senders)).tempDirectory(store).build();
        Path target = Files.createDirectories(store.resolve("pleura"));
        try (DicomServer server = DicomServer.start(config, request -> {
            request.savePart10(target.resolve(counter.incrementAndGet() + ".dcm"));
            return DimseStatus.SUCCESS;
        })) {
            double cpu0 = processCpuSeconds();
            Run r = load("Pleura DicomServer (write + fsync)", server.port(), senders, copies, file);
            double cpu = processCpuSeconds() - cpu0;
            ServerStats stats = server.stats();
            return new Run(r.target(), (int) stats.objectsStored(), stats.bytesReceived(), r.seconds(), cpu,
                    r.failedSenders(), r.firstError());
        } finally {
            deleteTree(target);
        }
    }

    private static Run storescp(int senders, int copies, Path file, Path store) throws Exception {
        Path target = Files.createDirectories(store.resolve("storescp"));
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process scp = new ProcessBuilder("storescp", "--fork", "-aet", "PLEURA", "+xa", "+uf", "-od", target.toString(),
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(store.resolve("storescp.log").toFile())
                .start();
        try {
            waitForPort(port);
            Run r = load("dcmtk storescp --fork (write, no fsync)", port, senders, copies, file);
            long files;
            long bytes = 0;
            try (Stream<Path> s = Files.list(target)) {
                List<Path> all = s.toList();
                files = all.size();
                for (Path p : all) {
                    bytes += Files.size(p);
                }
            }
            return new Run(r.target(), (int) files, bytes, r.seconds(), Double.NaN, r.failedSenders(), r.firstError());
        } finally {
            scp.destroy();
            scp.waitFor(5, TimeUnit.SECONDS);
            scp.destroyForcibly();
            deleteTree(target);
        }
    }

    /** Starts the senders together and waits for all; the time is from the first start to the last exit. */
    private static Run load(String target, int port, int senders, int copies, Path file) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("storescu", proposeOption(file), "-R", "-to", "30", "-ta", "30",
                "-td", "120", "-aet", "BENCH", "-aec", "PLEURA", "localhost", Integer.toString(port)));
        for (int i = 0; i < copies; i++) {
            cmd.add(file.toString());
        }
        List<Process> processes = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < senders; i++) {
            processes.add(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        }
        int failed = 0;
        String firstError = "";
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
            if (p.exitValue() != 0) {
                failed++;
                firstError = firstError.isEmpty() ? out.strip() : firstError;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Run(target, senders * copies, 0, seconds, Double.NaN, failed, firstError);
    }

    /** The storescu option that proposes the file's own transfer syntax first. */
    private static String proposeOption(Path file) throws IOException {
        TransferSyntax ts = DicomReader.read(file, ReadOptions.HEADER_ONLY).transferSyntax();
        String option = Map.ofEntries(Map.entry(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, "-xi"),
                Map.entry(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, "-xe"),
                Map.entry(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, "-xb"),
                Map.entry(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, "-xd"),
                Map.entry(TransferSyntax.RLE_LOSSLESS, "-xr"), Map.entry(TransferSyntax.JPEG_BASELINE, "-xy"),
                Map.entry(TransferSyntax.JPEG_EXTENDED, "-xx"), Map.entry(TransferSyntax.JPEG_LOSSLESS_SV1, "-xs"),
                Map.entry(TransferSyntax.JPEG_LS_LOSSLESS, "-xt"), Map.entry(TransferSyntax.JPEG_LS_NEAR_LOSSLESS, "-xu"),
                Map.entry(TransferSyntax.JPEG_2000_LOSSLESS, "-xv"), Map.entry(TransferSyntax.JPEG_2000, "-xw")).get(ts);
        if (option == null) {
            throw new IllegalArgumentException("storescu cannot propose " + ts + " first");
        }
        return option;
    }

    private static void waitForPort(int port) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (Socket probe = new Socket("localhost", port)) {
                probe.setSoLinger(true, 0);
                Thread.sleep(100);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("storescp did not start on port " + port);
    }

    private static double processCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
