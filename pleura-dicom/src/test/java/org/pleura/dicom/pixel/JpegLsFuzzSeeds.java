package org.pleura.dicom.pixel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes the seeds of {@link JpegLsDecoderFuzzTest}: small synthetic images (a ramp with an edge,
 * flat areas for run mode, deterministic noise; no real image in the repository) encoded by
 * {@link JpegLsTestEncoder} in every mode. Run from the test class path with the seed directory as
 * argument ({@code src/test/resources/org/pleura/dicom/pixel/JpegLsDecoderFuzzTestInputs/decode}).
 */
final class JpegLsFuzzSeeds {

    private static final int WIDTH = 40;
    private static final int HEIGHT = 24;

    private JpegLsFuzzSeeds() {
    }

    public static void main(String[] args) throws IOException, PixelDataException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Random random = new Random(42);
        int n = WIDTH * HEIGHT;
        int[] ramp = new int[n];
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int v = 300 + 12 * x + 5 * y + (x > 25 ? 200 : 0) + random.nextInt(9) - 4;
                ramp[y * WIDTH + x] = Math.min(1010, Math.max(0, v));
            }
        }
        int[] flat = new int[n];
        int[] two = new int[n];
        int[] sixteen = new int[n];
        int[] rgb = new int[3 * n];
        for (int i = 0; i < n; i++) {
            flat[i] = i / WIDTH < 12 ? 700 : ramp[i];
            two[i] = ramp[i] >> 8;
            sixteen[i] = (ramp[i] << 6) ^ (i * 7919 & 63);
            rgb[3 * i] = ramp[i] >> 2;
            rgb[3 * i + 1] = flat[i] >> 2;
            rgb[3 * i + 2] = (ramp[i] >> 3) + 20;
        }
        write(dir, "grey10", ramp, 1, new JpegLsTestEncoder.Options(10, 0, 0, 0, null));
        write(dir, "grey10-runs-near2", flat, 1, new JpegLsTestEncoder.Options(10, 2, 0, 0, null));
        write(dir, "grey10-restart5", flat, 1, new JpegLsTestEncoder.Options(10, 0, 0, 5, null));
        write(dir, "grey10-lse", ramp, 1, new JpegLsTestEncoder.Options(10, 0, 0, 0, new int[] {1010, 5, 20, 70, 30}));
        write(dir, "grey2", two, 1, new JpegLsTestEncoder.Options(2, 0, 0, 0, null));
        write(dir, "grey16", sixteen, 1, new JpegLsTestEncoder.Options(16, 0, 0, 0, null));
        write(dir, "rgb-ilv0", rgb, 3, new JpegLsTestEncoder.Options(8, 0, 0, 0, null));
        write(dir, "rgb-ilv1-restart7", rgb, 3, new JpegLsTestEncoder.Options(8, 0, 1, 7, null));
        write(dir, "rgb-ilv2-near1", rgb, 3, new JpegLsTestEncoder.Options(8, 1, 2, 0, null));
        write(dir, "rgb-ilv2-restart3", rgb, 3, new JpegLsTestEncoder.Options(8, 0, 2, 3, null));
    }

    private static void write(Path dir, String name, int[] samples, int components, JpegLsTestEncoder.Options o)
            throws IOException, PixelDataException {
        byte[] cs = JpegLsTestEncoder.encode(samples, HEIGHT, WIDTH, components, o);
        FrameFormat format = new FrameFormat(HEIGHT, WIDTH, components, 16, 16, false, "MONOCHROME2", 0);
        new JpegLsDecoder().decode(cs, format); // a seed must be valid
        Files.write(dir.resolve(name), cs);
    }
}
