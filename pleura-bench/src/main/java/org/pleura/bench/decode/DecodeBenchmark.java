package org.pleura.bench.decode;

import static org.pleura.bench.timing.Samples.median;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.pixel.PixelData;

/**
 * Times the decoding of DICOM files: Pleura reading the file and decoding every frame to stored
 * values (in this JVM, after warm-up), next to the reference command-line decoder for the file's
 * transfer syntax run on the same file (wall clock of the whole process, which also writes its
 * output): {@code dcmconv +te} for native syntaxes, {@code dcmdrle} for RLE, {@code dcmdjpeg}
 * for JPEG, {@code dcmdjpls} for JPEG-LS, {@code gdcmconv --raw} for JPEG 2000. Medians over
 * the runs; the ratio is Pleura / reference (below 1 means Pleura is faster).
 *
 * <pre>{@code
 * List<DecodeBenchmark.Result> results = DecodeBenchmark.run(List.of(Path.of("chest_RLE.dcm")), 10);
 * results.forEach(r -> System.out.println(r.format()));
 * }</pre>
 *
 * Command line: {@code java -cp pleura-dicom/target/classes org.pleura.bench.decode.DecodeBenchmark
 * [--runs N] FILE...}.
 */
public final class DecodeBenchmark {

    /**
     * One file's timings.
     *
     * @param file            the file
     * @param transferSyntax  its transfer syntax
     * @param pixels          rows x columns x samples x frames
     * @param pleuraMillis    median time of Pleura reading the file and decoding every frame
     * @param pleuraWriteMillis median time of Pleura reading, decoding and writing the decoded
     *                        file (explicit VR little endian), the same work as the reference tool
     * @param reference       the reference command, empty when not installed
     * @param referenceMillis median wall-clock time of the reference command, NaN when absent
     */
    public record Result(Path file, TransferSyntax transferSyntax, long pixels, double pleuraMillis,
                         double pleuraWriteMillis, Optional<String> reference, double referenceMillis) {

        /** Pleura (read, decode and write) / reference; NaN without a reference. */
        public double ratio() {
            return pleuraWriteMillis / referenceMillis;
        }

        /** One line of a Markdown table. */
        public String format() {
            return String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %s | %.1f | %.2f |", file.getFileName(),
                    transferSyntax.name(), pleuraMillis, pleuraWriteMillis, reference.orElse("(absent)"),
                    referenceMillis, ratio());
        }

        /** Header of the Markdown table {@link #format()} writes rows of. */
        public static String header() {
            return "| file | transfer syntax | Pleura read+decode ms | Pleura read+decode+write ms | reference |"
                    + " reference ms | ratio (write) |\n|---|---|---|---|---|---|---|";
        }
    }

    private DecodeBenchmark() {
    }

    /** Times each file {@code runs} times (after a warm-up of at least 10 runs and 2 seconds). */
    public static List<Result> run(List<Path> files, int runs) throws IOException {
        List<Result> out = new ArrayList<>();
        Path tmp = Files.createTempDirectory("pleura-bench");
        try {
            for (Path f : files) {
                out.add(time(f, runs, tmp));
            }
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path p : s.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(tmp);
        }
        return out;
    }

    private static Result time(Path file, int runs, Path tmp) throws IOException {
        DicomFile first = DicomReader.read(file);
        PixelData p = PixelData.of(first);
        long pixels = p.format().sampleCount() * p.frameCount();
        Path ours = tmp.resolve("pleura.dcm");
        // Warm-up until the JIT has compiled the codec's loops: at least 10 runs and 2 seconds (two
        // runs were not enough: the first codec of a fresh JVM then measured twice its steady time).
        System.gc(); // start each file from a collected heap, not from the previous file's garbage
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        for (int i = 0; i < 10 || System.nanoTime() < warmUntil; i++) {
            decode(file, null);
            decode(file, ours);
        }
        double[] a = new double[runs];
        double[] b = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            decode(file, null);
            long t1 = System.nanoTime();
            decode(file, ours);
            long t2 = System.nanoTime();
            a[i] = (t1 - t0) / 1e6;
            b[i] = (t2 - t1) / 1e6;
        }
        Optional<List<String>> cmd = referenceCommand(first.transferSyntax(), file, tmp.resolve("reference.dcm"));
        double ref = Double.NaN;
        if (cmd.isPresent() && onPath(cmd.get().get(0))) {
            double[] r = new double[runs];
            runProcess(cmd.get());
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                runProcess(cmd.get());
                r[i] = (System.nanoTime() - t0) / 1e6;
            }
            ref = median(r);
        } else {
            cmd = Optional.empty();
        }
        return new Result(file, first.transferSyntax(), pixels, median(a), median(b), cmd.map(c -> String.join(" ",
                c.subList(0, c.size() - 2))), ref);
    }

    /** Reads the file and decodes every frame; with {@code out}, also writes the decoded file. */
    private static void decode(Path file, Path out) throws IOException {
        DicomFile f = DicomReader.read(file);
        PixelData p = PixelData.of(f);
        int[][] frames = new int[p.frameCount()][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = p.decodeFrame(i);
        }
        if (out != null) {
            DicomWriter.write(out, f.dataset().toBuilder()
                    .putBytes(org.pleura.dicom.Tag.PixelData, p.format().bitsAllocated() > 8 ? org.pleura.dicom.VR.OW
                            : org.pleura.dicom.VR.OB, toBytes(frames, p.format().bitsAllocated()))
                    .build(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        }
    }

    private static byte[] toBytes(int[][] frames, int bitsAllocated) throws DicomException {
        int bytesPer = bitsAllocated <= 8 ? 1 : 2;
        if (bitsAllocated > 16) {
            throw new DicomException("benchmark writes 8 or 16-bit data only");
        }
        long total = 0;
        for (int[] f : frames) {
            total += (long) f.length * bytesPer;
        }
        byte[] out = new byte[Math.toIntExact(total)];
        int o = 0;
        for (int[] f : frames) {
            if (bytesPer == 1) {
                for (int v : f) {
                    out[o++] = (byte) v;
                }
            } else {
                for (int v : f) {
                    out[o++] = (byte) v;
                    out[o++] = (byte) (v >>> 8);
                }
            }
        }
        return out;
    }

    private static Optional<List<String>> referenceCommand(TransferSyntax ts, Path in, Path out) {
        String uid = ts.uid();
        List<String> c;
        if (ts.isNative()) {
            c = List.of("dcmconv", "+te");
        } else if (uid.equals(TransferSyntax.RLE_LOSSLESS.uid())) {
            c = List.of("dcmdrle");
        } else if (uid.startsWith("1.2.840.10008.1.2.4.5") || uid.equals(TransferSyntax.JPEG_LOSSLESS_SV1.uid())) {
            c = List.of("dcmdjpeg");
        } else if (uid.startsWith("1.2.840.10008.1.2.4.8")) {
            c = List.of("dcmdjpls");
        } else if (uid.startsWith("1.2.840.10008.1.2.4.9")) {
            c = List.of("gdcmconv", "--raw");
        } else {
            return Optional.empty();
        }
        List<String> all = new ArrayList<>(c);
        all.add(in.toString());
        all.add(out.toString());
        return Optional.of(all);
    }

    private static void runProcess(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timeout: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("reference decoder failed (" + p.exitValue() + "): " + cmd);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** {@code [--runs N] FILE...}: prints a Markdown table. */
    public static void main(String[] args) throws IOException {
        int runs = 10;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else {
                files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: DecodeBenchmark [--runs N] FILE...");
            System.exit(2);
        }
        System.out.println(Result.header());
        for (Result r : run(files, runs)) {
            System.out.println(r.format());
        }
    }
}
