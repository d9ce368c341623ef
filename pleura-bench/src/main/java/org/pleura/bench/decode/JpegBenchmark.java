package org.pleura.bench.decode;

import static org.pleura.bench.timing.Samples.median;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.VR;
import org.pleura.dicom.pixel.FrameDecoder;
import org.pleura.dicom.pixel.Jpeg2000Decoder;
import org.pleura.dicom.pixel.JpegDecoder;
import org.pleura.dicom.pixel.PixelData;

/**
 * Times Pleura's JPEG and JPEG 2000 frame decoders on the real 1955x1841 chest radiograph of the
 * shared corpus (RG1, 15 bits), next to dcmtk's {@code dcmdjpeg} and gdcm's {@code gdcmconv --raw}
 * on the same files in the same run. Besides the corpus's JPEG lossless file it makes, in a
 * temporary directory: the same pixels as JPEG 2000 lossless ({@code gdcmconv --j2k}); a 12-bit
 * version (values shifted right by 3) as JPEG extended 12-bit lossy ({@code dcmcjpeg +ee}),
 * JPEG lossless SV1 ({@code dcmcjpeg +e1}) and JPEG 2000 lossless; and it adds an 8-bit JPEG
 * baseline file of the corpus (NIH, 1024x1024).
 *
 * <p>Pleura is timed in this JVM after warm-up, median of the runs: the frame decode alone, and
 * reading the file plus decoding to stored values, each in wall clock and in CPU time of the
 * decoding thread. The tools are timed as whole processes (start, read, decode, write the
 * uncompressed file), median of the runs, wall clock and user + system CPU time. The ratios are
 * Pleura's read+decode time over the tool's: below 1, Pleura is faster. On a shared machine the
 * CPU-time ratio is the meaningful one.
 *
 * <p>Command line, from the repository root:
 * <pre>{@code
 * mvn -q -B -o -pl pleura-dicom -am install -DskipTests
 * mvn -q -B -o -pl pleura-dicom dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp pleura-dicom/target/classes:$(cat /tmp/cp.txt) org.pleura.bench.decode.JpegBenchmark [--runs N] [SHARED_DIR]
 * }</pre>
 * where {@code SHARED_DIR} (default {@code ../shared}) holds {@code data/dicom}; dcmtk and gdcm
 * ({@code dcmcjpeg}, {@code dcmdjpeg}, {@code gdcmconv}) must be installed.
 */
public final class JpegBenchmark {

    /**
     * One file's timings (medians), wall clock and CPU time: on a shared machine the CPU times are
     * the meaningful comparison.
     *
     * @param name               what the file is
     * @param decodeMillis       the frame decode alone, wall clock
     * @param decodeCpuMillis    the frame decode alone, CPU time of the decoding thread
     * @param readDecodeMillis   reading the file and decoding it to stored values, wall clock
     * @param readDecodeCpuMillis the same, CPU time
     * @param tool               the reference command
     * @param toolMillis         the reference command, wall clock (NaN when not installed)
     * @param toolCpuMillis      the reference command, user + system CPU time of the process
     */
    public record Result(String name, double decodeMillis, double decodeCpuMillis, double readDecodeMillis,
                         double readDecodeCpuMillis, String tool, double toolMillis, double toolCpuMillis) {

        /** Pleura (read + decode) / tool, wall clock. */
        public double ratio() {
            return readDecodeMillis / toolMillis;
        }

        /** Pleura (read + decode) / tool, CPU time. */
        public double cpuRatio() {
            return readDecodeCpuMillis / toolCpuMillis;
        }

        /** One row of a Markdown table. */
        public String format() {
            return String.format(Locale.ROOT, "| %s | %.1f / %.1f | %.1f / %.1f | %s | %.1f / %.1f | %.2f / %.2f |",
                    name, decodeMillis, decodeCpuMillis, readDecodeMillis, readDecodeCpuMillis, tool, toolMillis,
                    toolCpuMillis, ratio(), cpuRatio());
        }

        /** The header of the table {@link #format()} writes rows of. */
        public static String header() {
            return "| file | Pleura decode ms (wall / CPU) | Pleura read+decode ms (wall / CPU) | reference |"
                    + " reference ms (wall / CPU) | ratio Pleura/reference (wall / CPU) |\n"
                    + "|---|---|---|---|---|---|";
        }
    }

    private JpegBenchmark() {
    }

    /** Runs the benchmark and prints a Markdown table. */
    public static void main(String[] args) throws Exception {
        int runs = 10;
        Path shared = Path.of("..", "shared");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs") && i + 1 < args.length) {
                runs = Integer.parseInt(args[++i]);
            } else {
                shared = Path.of(args[i]);
            }
        }
        Path dicom = shared.resolve("data").resolve("dicom");
        if (!Files.isDirectory(dicom)) {
            System.err.println("JpegBenchmark: no corpus at " + dicom.toAbsolutePath() + " (pass the shared directory)");
            System.exit(2);
        }
        Path temp = Files.createTempDirectory("pleura-jpeg-bench");
        try {
            System.out.println(Result.header());
            for (Result r : run(dicom, temp, runs)) {
                System.out.println(r.format());
            }
        } finally {
            try (Stream<Path> files = Files.walk(temp)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Makes the files and times them; {@code temp} receives the made files and tool outputs. */
    public static List<Result> run(Path dicom, Path temp, int runs) throws IOException, InterruptedException {
        Path chest15 = dicom.resolve("derived_transcodes/RG1chest_MONO1_15bit_decompressed_explicitLE.dcm");
        Path chest15Jpeg = dicom.resolve("derived_transcodes/RG1chest_MONO1_15bit_JPEGLosslessSV1.dcm");
        Path nihBaseline = dicom.resolve("derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_JPEGBaseline_lossy.dcm");
        Path chest15J2k = temp.resolve("chest15_j2k_lossless.dcm");
        Path chest12 = temp.resolve("chest12_explicitLE.dcm");
        Path chest12Extended = temp.resolve("chest12_jpeg_extended.dcm");
        Path chest12Lossless = temp.resolve("chest12_jpeg_lossless_sv1.dcm");
        Path chest12J2k = temp.resolve("chest12_j2k_lossless.dcm");
        tool("gdcmconv", "--j2k", chest15.toString(), chest15J2k.toString());
        writeTwelveBitVersion(chest15, chest12);
        tool("dcmcjpeg", "+ee", chest12.toString(), chest12Extended.toString());
        tool("dcmcjpeg", "+e1", chest12.toString(), chest12Lossless.toString());
        tool("gdcmconv", "--j2k", chest12.toString(), chest12J2k.toString());

        JpegDecoder jpeg = new JpegDecoder();
        Jpeg2000Decoder jpeg2000 = new Jpeg2000Decoder();
        List<Result> results = new ArrayList<>();
        results.add(time("RG1 chest 15-bit, JPEG lossless SV1 (corpus)", chest15Jpeg, jpeg, "dcmdjpeg", temp, runs));
        results.add(time("RG1 chest 12-bit, JPEG lossless SV1", chest12Lossless, jpeg, "dcmdjpeg", temp, runs));
        results.add(time("RG1 chest 12-bit, JPEG extended 12-bit lossy (q90)", chest12Extended, jpeg, "dcmdjpeg",
                temp, runs));
        results.add(time("NIH chest 1024x1024 8-bit, JPEG baseline (corpus)", nihBaseline, jpeg, "dcmdjpeg", temp,
                runs));
        results.add(time("RG1 chest 15-bit, JPEG 2000 lossless", chest15J2k, jpeg2000, "gdcmconv --raw", temp, runs));
        results.add(time("RG1 chest 12-bit, JPEG 2000 lossless", chest12J2k, jpeg2000, "gdcmconv --raw", temp, runs));
        return results;
    }

    private static Result time(String name, Path file, FrameDecoder decoder, String tool, Path temp, int runs)
            throws IOException, InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        PixelData pixels = PixelData.of(DicomReader.read(file));
        byte[] frame = pixels.encodedFrame(0);
        for (int i = 0; i < 3; i++) {
            decoder.decode(frame, pixels.format());
            PixelData.of(DicomReader.read(file)).decodeFrame(0);
        }
        double[] decode = new double[runs];
        double[] decodeCpu = new double[runs];
        double[] readDecode = new double[runs];
        double[] readDecodeCpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            decoder.decode(frame, pixels.format());
            long t1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            PixelData.of(DicomReader.read(file)).decodeFrame(0);
            long t2 = System.nanoTime();
            long c2 = threads.getCurrentThreadCpuTime();
            decode[i] = (t1 - t0) / 1e6;
            decodeCpu[i] = (c1 - c0) / 1e6;
            readDecode[i] = (t2 - t1) / 1e6;
            readDecodeCpu[i] = (c2 - c1) / 1e6;
        }
        double toolMillis = Double.NaN;
        double toolCpuMillis = Double.NaN;
        String out = temp.resolve("out.dcm").toString();
        String[] command = tool.equals("dcmdjpeg")
                ? new String[] {"dcmdjpeg", file.toString(), out}
                : new String[] {"gdcmconv", "--raw", file.toString(), out};
        if (installed(command[0]) && installed("bash")) {
            int toolRuns = Math.max(3, runs / 2);
            double[] wall = new double[toolRuns];
            double[] cpu = new double[toolRuns];
            tool(command); // warm the file cache
            for (int i = 0; i < toolRuns; i++) {
                long t0 = System.nanoTime();
                cpu[i] = toolCpuMillis(command);
                wall[i] = (System.nanoTime() - t0) / 1e6;
            }
            toolMillis = median(wall);
            toolCpuMillis = median(cpu);
        }
        return new Result(name, median(decode), median(decodeCpu), median(readDecode), median(readDecodeCpu), tool,
                toolMillis, toolCpuMillis);
    }

    /** Runs {@code command} under bash and returns its user + system CPU time (bash's {@code times}). */
    private static double toolCpuMillis(String... command) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (String part : command) {
            script.append('\'').append(part.replace("'", "'\\''")).append("' ");
        }
        script.append(">/dev/null 2>&1 || exit 1; times");
        Process p = new ProcessBuilder("bash", "-c", script.toString()).redirectErrorStream(true).start();
        String output;
        try (var in = p.getInputStream()) {
            output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        }
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed");
        }
        // second line: children's user and system time, e.g. "0m0.123s 0m0.045s"
        String[] lines = output.strip().split("\\R");
        String[] times = lines[lines.length - 1].trim().split("\\s+");
        return seconds(times[0]) * 1000 + seconds(times[1]) * 1000;
    }

    private static double seconds(String bashTime) {
        int m = bashTime.indexOf('m');
        return Double.parseDouble(bashTime.substring(0, m)) * 60
                + Double.parseDouble(bashTime.substring(m + 1, bashTime.length() - 1));
    }

    /** The 15-bit chest with every value shifted right by 3: a real 12-bit radiograph. */
    private static void writeTwelveBitVersion(Path source, Path target) throws IOException {
        DicomFile file = DicomReader.read(source);
        DicomObject ds = file.dataset();
        byte[] pixels = ds.getBytes(Tag.PixelData).clone();
        for (int i = 0; i + 1 < pixels.length; i += 2) {
            int v = ((pixels[i] & 0xFF) | (pixels[i + 1] & 0xFF) << 8) >> 3;
            pixels[i] = (byte) v;
            pixels[i + 1] = (byte) (v >> 8);
        }
        DicomObject twelve = ds.toBuilder()
                .putInt(Tag.BitsStored, VR.US, 12)
                .putInt(Tag.HighBit, VR.US, 11)
                .putBytes(Tag.PixelData, VR.OW, pixels)
                .build();
        DicomWriter.write(target, twelve, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    private static void tool(String... command) throws IOException, InterruptedException {
        if (!installed(command[0])) {
            throw new DicomException(command[0] + " is not installed (Debian packages dcmtk and libgdcm-tools)");
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit status " + p.exitValue());
        }
    }

    private static boolean installed(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
