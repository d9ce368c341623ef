package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.pleura.dicom.Corpus;
import org.pleura.dicom.DicomReader;

/**
 * Test-only helpers shared by the JPEG and JPEG 2000 codec tests and benchmark: locating the shared
 * DICOM corpus, running the reference tools (dcmtk, gdcm) and comparing samples.
 */
final class JpegTestSupport {
    private JpegTestSupport() {
    }

    /** A corpus file; the test is skipped when the corpus or the file is absent. */
    static Path corpusFile(String relative) {
        return Corpus.file(relative);
    }

    /** The Pixel Data of a DICOM file, read with the project's Part 10 reader. */
    static PixelData pixels(Path file) throws IOException {
        return PixelData.of(DicomReader.read(file));
    }

    static boolean toolAvailable(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Paths.get(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips the test when {@code tool} is not installed. */
    static void assumeTool(String tool) {
        assumeTrue(toolAvailable(tool), tool + " is not installed (Debian package dcmtk / libgdcm-tools); skipping");
    }

    /** Runs a command, failing with its output when it exits non-zero or takes over two minutes. */
    static void run(String... command) throws IOException, InterruptedException {
        assumeTool(command[0]);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (var in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                    + new String(output));
        }
    }

    /** Values of {@code a} and {@code b} masked to {@code bits}, compared sample by sample. */
    static Difference compare(int[] a, int[] b, int bits) {
        if (a.length != b.length) {
            throw new AssertionError("sample counts differ: " + a.length + " vs " + b.length);
        }
        int mask = bits >= 32 ? -1 : (1 << bits) - 1;
        long sum = 0;
        int max = 0;
        int firstIndex = -1;
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            int d = Math.abs((a[i] & mask) - (b[i] & mask));
            if (d != 0) {
                differing++;
                if (firstIndex < 0) {
                    firstIndex = i;
                }
            }
            sum += d;
            max = Math.max(max, d);
        }
        return new Difference(max, (double) sum / a.length, differing, firstIndex);
    }

    /** First index of {@code pattern} in {@code data}, or -1. */
    static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Outcome of a comparison of two sample arrays. */
    record Difference(int max, double mean, int differing, int firstIndex) {
        @Override
        public String toString() {
            return String.format("max %d, mean %.4f, %d samples differ (first at %d)", max, mean, differing, firstIndex);
        }
    }
}
