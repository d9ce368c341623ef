package org.pleura.dicom.pixel;

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
 * Damaged JPEG 2000 frames: truncated anywhere before EOC they are refused (never decoded at
 * reduced quality); with bytes overwritten at random they decode or fail with a
 * {@link PixelDataException}, never another exception, never a hang.
 */
class Jpeg2000CorruptInputTest {
    private static final Jpeg2000Decoder DECODER = new Jpeg2000Decoder();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "derived_transcodes/CRchest440_MONO1_J2KLossless.dcm",
        "real_original/pydicom-data/US1_J2KI.dcm",
        "real_original/pydicom-data/693_J2KR.dcm",
    })
    void damagedFrames(String file) throws Exception {
        PixelData pixels = JpegTestSupport.pixels(JpegTestSupport.corpusFile(file));
        byte[] frame = pixels.encodedFrame(0);
        FrameFormat format = pixels.format();
        assertTimeoutPreemptively(Duration.ofSeconds(180), () -> {
            int eoc = lastEoc(frame);
            int step = Math.max(1, eoc / 40);
            for (int cut = 0; cut < eoc; cut += (cut < 300 ? 1 : step)) {
                byte[] truncated = Arrays.copyOf(frame, cut);
                try {
                    DECODER.decode(truncated, format);
                    fail("a frame cut at byte " + cut + " of " + frame.length + " was decoded");
                } catch (PixelDataException expected) {
                    // refused, as it must be
                }
            }
            Random random = new Random(file.hashCode());
            for (int t = 0; t < 60; t++) {
                byte[] damaged = frame.clone();
                int changes = 1 + random.nextInt(3);
                for (int k = 0; k < changes; k++) {
                    int at = random.nextBoolean() ? random.nextInt(Math.min(200, damaged.length))
                            : random.nextInt(damaged.length);
                    damaged[at] = (byte) random.nextInt(256);
                }
                try {
                    DECODER.decode(damaged, format);
                } catch (PixelDataException e) {
                    // refused: fine
                }
            }
        });
    }

    @Test
    void notJpeg2000AtAllIsRefused() {
        FrameFormat format = new FrameFormat(8, 8, 1, 8, 8, false, "MONOCHROME2", 0);
        assertThrows(PixelDataException.class, () -> DECODER.decode(new byte[0], format));
        assertThrows(PixelDataException.class, () -> DECODER.decode(new byte[100], format));
        assertThrows(PixelDataException.class,
                () -> DECODER.decode(new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51}, format));
    }

    @Test
    void sizeThatDisagreesWithTheDicomHeaderIsRefused() throws Exception {
        PixelData pixels = JpegTestSupport.pixels(
                JpegTestSupport.corpusFile("derived_transcodes/CRchest440_MONO1_J2KLossless.dcm"));
        byte[] frame = pixels.encodedFrame(0);
        FrameFormat wrong = new FrameFormat(440, 441, 1, 16, 10, false, "MONOCHROME1", 0);
        assertThrows(PixelDataException.class, () -> DECODER.decode(frame, wrong));
    }

    private static int lastEoc(byte[] frame) {
        for (int i = frame.length - 2; i >= 0; i--) {
            if (frame[i] == (byte) 0xFF && frame[i + 1] == (byte) 0xD9) {
                return i;
            }
        }
        return frame.length;
    }
}
