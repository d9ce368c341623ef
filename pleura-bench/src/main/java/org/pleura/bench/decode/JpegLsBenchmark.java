package org.pleura.bench.decode;

import static org.pleura.bench.timing.Samples.median;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.pixel.DecodedFrame;
import org.pleura.dicom.pixel.FrameFormat;
import org.pleura.dicom.pixel.JpegLsDecoder;
import org.pleura.dicom.pixel.PixelData;
import org.pleura.dicom.pixel.PixelDataException;

/**
 * Times {@link JpegLsDecoder} on a real chest radiograph (the 1955 x 1841, 15-bit CR of the shared
 * corpus, made JPEG-LS lossless by dcmtk's {@code dcmcjpls} into a temporary directory): median
 * of N decodes after a warm-up, and dcmtk's {@code dcmdjpls} on the same file (the whole command,
 * so it includes process start, reading and writing the file; median of several runs). Both wall
 * clock and CPU time (the decoding thread's; the child process's user + system time as reported by
 * bash's {@code times}) are reported: on a shared, loaded machine the CPU times are the steadier
 * comparison. To separate dcmtk's codec from its process start and file handling, {@code dcmconv}
 * copying the uncompressed source (same reading and writing, no codec) is timed too.
 *
 * <pre>
 * java -cp pleura-dicom/target/classes org.pleura.bench.decode.JpegLsBenchmark [--source FILE] [--runs N] [--warmup N] [--tool-runs N]
 * </pre>
 */
public final class JpegLsBenchmark {

    private static final String DEFAULT_SOURCE =
            "data/dicom/derived_transcodes/RG1chest_MONO1_15bit_decompressed_explicitLE.dcm";

    private JpegLsBenchmark() {
    }

    /**
     * What was measured.
     *
     * @param rows          image rows
     * @param columns       image columns
     * @param bits          bits stored
     * @param encodedBytes  size of the JPEG-LS codestream
     * @param javaMedianMs  median decode time of {@link JpegLsDecoder}, milliseconds
     * @param javaMinMs     fastest decode, milliseconds
     * @param javaCpuMs     median CPU time of the decoding thread, milliseconds
     * @param toolMedianMs  median wall-clock time of one {@code dcmdjpls} command, milliseconds
     * @param toolCpuMs     median user + system CPU time of one {@code dcmdjpls} command, milliseconds
     * @param copyCpuMs     median CPU time of {@code dcmconv} copying the uncompressed source, milliseconds
     */
    public record Result(int rows, int columns, int bits, int encodedBytes, double javaMedianMs, double javaMinMs,
                         double javaCpuMs, double toolMedianMs, double toolCpuMs, double copyCpuMs) {

        /** Text for the report. */
        public String summary() {
            return String.format(Locale.ROOT,
                    "%d rows x %d columns, %d-bit, %d bytes of JPEG-LS lossless%n"
                            + "JpegLsDecoder: median %.1f ms wall (min %.1f ms, %.1f Mpixel/s), median %.1f ms CPU%n"
                            + "dcmdjpls:      median %.1f ms wall, median %.1f ms CPU (whole command)%n"
                            + "dcmconv copy of the uncompressed file: median %.1f ms CPU, so dcmdjpls's codec ~ %.1f ms CPU%n"
                            + "dcmdjpls / JpegLsDecoder: %.2f wall, %.2f CPU; dcmdjpls codec only / JpegLsDecoder ~ %.2f CPU",
                    rows, columns, bits, encodedBytes, javaMedianMs, javaMinMs,
                    rows * (double) columns / javaMedianMs / 1000.0, javaCpuMs, toolMedianMs, toolCpuMs,
                    copyCpuMs, toolCpuMs - copyCpuMs, toolMedianMs / javaMedianMs, toolCpuMs / javaCpuMs,
                    (toolCpuMs - copyCpuMs) / javaCpuMs);
        }
    }

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        Path source = null;
        int runs = 30;
        int warmup = 15;
        int toolRuns = 9;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--source" -> source = Path.of(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--tool-runs" -> toolRuns = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (source == null) {
            source = Path.of(System.getProperty("pleura.shared", "../shared")).resolve(DEFAULT_SOURCE);
        }
        if (!Files.isRegularFile(source)) {
            System.err.println("source image not found: " + source + " (give --source or -Dpleura.shared)");
            System.exit(2);
        }
        Result r = run(source, runs, warmup, toolRuns);
        System.out.println(r.summary());
    }

    /** Encodes {@code source} with dcmcjpls, then times both decoders. */
    public static Result run(Path source, int runs, int warmup, int toolRuns) throws IOException, PixelDataException {
        Path dir = Files.createTempDirectory("pleura-jpegls-bench");
        try {
            Path jls = dir.resolve("source-jpegls.dcm");
            exec("dcmcjpls", source.toString(), jls.toString());
            PixelData pixels = PixelData.of(DicomReader.read(jls));
            byte[] frame = pixels.encodedFrame(0);
            FrameFormat format = pixels.format();
            int[] expected = PixelData.of(DicomReader.read(source)).decodeFrame(0);
            if (!Arrays.equals(expected, pixels.decodeFrame(0))) {
                throw new IllegalStateException("JPEG-LS decode differs from the uncompressed source");
            }
            JpegLsDecoder decoder = new JpegLsDecoder();
            long checksum = 0;
            for (int i = 0; i < warmup; i++) {
                checksum += decoder.decode(frame, format).samples()[i];
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double[] times = new double[runs];
            double[] cpu = new double[runs];
            for (int i = 0; i < runs; i++) {
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                DecodedFrame decoded = decoder.decode(frame, format);
                times[i] = (System.nanoTime() - t0) / 1e6;
                cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
                checksum += decoded.samples()[i];
            }
            double[] toolTimes = new double[toolRuns];
            double[] toolCpu = new double[toolRuns];
            for (int i = 0; i < toolRuns; i++) {
                Path out = dir.resolve("dcmdjpls-" + i + ".dcm");
                long t0 = System.nanoTime();
                String report = exec("bash", "-c", "dcmdjpls \"$0\" \"$1\" && times", jls.toString(), out.toString());
                toolTimes[i] = (System.nanoTime() - t0) / 1e6;
                toolCpu[i] = childCpuMs(report);
                Files.delete(out);
            }
            double[] copyCpu = new double[toolRuns];
            for (int i = 0; i < toolRuns; i++) {
                Path out = dir.resolve("dcmconv-" + i + ".dcm");
                String report = exec("bash", "-c", "dcmconv \"$0\" \"$1\" && times", source.toString(), out.toString());
                copyCpu[i] = childCpuMs(report);
                Files.delete(out);
            }
            if (checksum == Long.MIN_VALUE) {
                System.out.println(checksum); // keeps the decodes observable
            }
            Arrays.sort(times);
            return new Result(format.rows(), format.columns(), format.bitsStored(), frame.length, median(times),
                    times[0], median(cpu), median(toolTimes), median(toolCpu), median(copyCpu));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** User + system time of the children from the second line of bash's {@code times}: "0m0.150s 0m0.024s". */
    private static double childCpuMs(String timesOutput) throws IOException {
        String[] lines = timesOutput.strip().split("\\R");
        Matcher m = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s").matcher(lines[lines.length - 1]);
        if (!m.find()) {
            throw new IOException("cannot read the CPU time of dcmdjpls from: " + timesOutput);
        }
        return (Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2)) + Integer.parseInt(m.group(3)) * 60
                + Double.parseDouble(m.group(4))) * 1000;
    }

    private static String exec(String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output;
        try (var in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue()
                    + " (is dcmtk installed? apt-get install dcmtk): " + output);
        }
        return output;
    }
}
