package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged JPEG frames: truncated at many offsets, bytes overwritten at random. The decoder must
 * either decode or throw a {@link PixelDataException} raised by its own checks (never one wrapping
 * an unexpected runtime exception, never another exception type) and never hang.
 */
class JpegCorruptInputTest {
    private static final JpegDecoder DECODER = new JpegDecoder();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "derived_transcodes/CRchest440_MONO1_JPEGLosslessSV1.dcm",
        "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_JPEGBaseline_lossy.dcm",
        "real_original/fo-dicom/GH195.dcm",
        "real_original/fo-dicom/GH538-jpeg1.dcm",
    })
    void damagedCorpusFrames(String file) throws Exception {
        PixelData pixels = JpegTestSupport.pixels(JpegTestSupport.corpusFile(file));
        byte[] frame = pixels.encodedFrame(0);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            checkTruncations(frame, pixels.format());
            checkMutations(frame, pixels.format(), 150, file.hashCode());
        });
    }

    /** A lossless frame with restart markers and three components, made without external tools. */
    @Test
    void damagedLosslessFrameWithRestarts() {
        int rows = 40;
        int columns = 50;
        int[] samples = new int[rows * columns * 3];
        Random random = new Random(7);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (i * 37 + random.nextInt(200)) & 0xFFF;
        }
        byte[] encoded = new JpegTestLosslessEncoder().encode(samples, rows, columns, 3, 12, 6, 0, 4);
        FrameFormat format = new FrameFormat(rows, columns, 3, 16, 12, false, "RGB", 0);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            checkTruncations(encoded, format);
            checkMutations(encoded, format, 2000, 11);
        });
    }

    @Test
    void headerThatDisagreesWithTheDicomHeaderIsRefused() throws Exception {
        PixelData pixels = JpegTestSupport.pixels(
                JpegTestSupport.corpusFile("derived_transcodes/CRchest440_MONO1_JPEGLosslessSV1.dcm"));
        FrameFormat wrong = new FrameFormat(441, 440, 1, 16, 10, false, "MONOCHROME1", 0);
        byte[] frame = pixels.encodedFrame(0);
        PixelDataException e = assertThrows(PixelDataException.class, () -> DECODER.decode(frame, wrong));
        assertNull(e.getCause());
    }

    @Test
    void notJpegAtAllIsRefused() {
        FrameFormat format = new FrameFormat(8, 8, 1, 8, 8, false, "MONOCHROME2", 0);
        assertThrows(PixelDataException.class, () -> DECODER.decode(new byte[0], format));
        assertThrows(PixelDataException.class, () -> DECODER.decode(new byte[100], format));
        assertThrows(PixelDataException.class, () -> DECODER.decode(new byte[] {(byte) 0xFF, (byte) 0xD8}, format));
    }

    /** Every cut before EOI must be refused: the decoder never returns an incomplete image. */
    private static void checkTruncations(byte[] frame, FrameFormat format) {
        int eoi = lastEoi(frame);
        int step = Math.max(1, frame.length / 80);
        for (int cut = 0; cut < eoi; cut += (cut < 400 ? 1 : step)) {
            byte[] truncated = Arrays.copyOf(frame, cut);
            try {
                DECODER.decode(truncated, format);
                fail("a frame cut at byte " + cut + " of " + frame.length + " was decoded");
            } catch (PixelDataException e) {
                assertNull(e.getCause(), "cut at " + cut + ": unexpected failure " + e.getCause());
            }
        }
    }

    private static void checkMutations(byte[] frame, FrameFormat format, int trials, long seed) {
        Random random = new Random(seed);
        for (int t = 0; t < trials; t++) {
            byte[] damaged = frame.clone();
            int changes = 1 + random.nextInt(3);
            for (int k = 0; k < changes; k++) {
                // half of the damage in the headers, where it does the most harm
                int at = random.nextBoolean() ? random.nextInt(Math.min(700, damaged.length))
                        : random.nextInt(damaged.length);
                damaged[at] = (byte) random.nextInt(256);
            }
            try {
                DECODER.decode(damaged, format);
            } catch (PixelDataException e) {
                assertNull(e.getCause(), "trial " + t + ": unexpected failure " + e.getCause());
            }
        }
    }

    private static int lastEoi(byte[] frame) {
        for (int i = frame.length - 2; i >= 0; i--) {
            if (frame[i] == (byte) 0xFF && frame[i + 1] == (byte) 0xD9) {
                return i;
            }
        }
        return frame.length;
    }
}
