package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pleura.dicom.Corpus;

/**
 * Damaged JPEG-LS codestreams: truncated at many offsets, bytes changed at random, headers that
 * lie. Only {@link PixelDataException} may come out (never a runtime exception caught by the
 * decoder's safety net), and never a hang; the time bound is a hang guard, not a speed test.
 */
class JpegLsCorruptInputTest {

    private static final Duration HANG_GUARD = Duration.ofMinutes(3);
    private static final JpegLsDecoder DECODER = new JpegLsDecoder();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "derived_transcodes/CRchest440_MONO1_JPEGLSLossless.dcm",
        "real_original/pydicom-data/JLSL_16_15_1_1F.dcm",
        "real_original/pydicom-data/emri_small_jpeg_ls_lossless.dcm",
    })
    void truncatedAnywhereFailsCleanlyUnlessOnlyTheEndMarkerIsCut(String file) throws IOException {
        PixelData pixels = JpegLsTestSupport.corpus(file);
        byte[] full = pixels.encodedFrame(0);
        FrameFormat format = pixels.format();
        int[] expected = DECODER.decode(full, format).samples();
        int dataEnd = endOfScanData(full);
        int scanStart = JpegLsTestSupport.indexOfMarker(full, 0xDA) + 10;
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int length : truncationPoints(full.length)) {
                byte[] cut = Arrays.copyOf(full, length);
                if (length < dataEnd) {
                    PixelDataException e = assertThrows(PixelDataException.class, () -> DECODER.decode(cut, format),
                            "truncated to " + length + " of " + full.length + " bytes");
                    assertNotSafetyNet(e, length);
                    if (length > scanStart) {
                        assertTrue(e.getMessage().contains("truncated"), length + ": " + e.getMessage());
                    }
                } else {
                    assertArrayEquals(expected, DECODER.decode(cut, format).samples(),
                            "only the end marker is cut at " + length);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "derived_transcodes/CRchest440_MONO1_JPEGLSLossless.dcm",
        "real_original/pydicom-data/JLSL_08_07_0_1F.dcm",
        "real_original/pydicom-data/JLSL_16_15_1_1F.dcm",
    })
    void randomlyDamagedBytesFailCleanly(String file) throws IOException {
        PixelData pixels = JpegLsTestSupport.corpus(file);
        assertSurvivesMutations(pixels.encodedFrame(0), pixels.format(), 400, file.hashCode());
    }

    @Test
    void randomlyDamagedSampleInterleavedColourFailsCleanly(@TempDir Path dir) throws IOException {
        Path rgb = dir.resolve("rgb.dcm");
        JpegLsTestSupport.dcmtk("dcmdjpeg", Corpus.file("real_original/fo-dicom/GH195.dcm").toString(), rgb.toString());
        PixelData pixels = JpegLsTestSupport.pixels(JpegLsTestSupport.encode(rgb, dir, "is.dcm", "+is", "+en", "+md", "2"));
        assertSurvivesMutations(pixels.encodedFrame(0), pixels.format(), 150, 7);
    }

    /** DICOM padding after EOI, junk after it, and (non-conforming) zero padding before EOI. */
    @Test
    void paddingAroundTheEndMarkerIsIgnored() throws IOException {
        PixelData pixels = JpegLsTestSupport.corpus("derived_transcodes/CRchest440_MONO1_JPEGLSLossless.dcm");
        byte[] frame = pixels.encodedFrame(0);
        int[] expected = DECODER.decode(frame, pixels.format()).samples();
        int dataEnd = endOfScanData(frame);
        byte[] head = Arrays.copyOf(frame, dataEnd);
        byte[] eoi = {(byte) 0xFF, (byte) 0xD9};
        byte[][] variants = {
            concat(frame, new byte[] {0}),
            concat(frame, new byte[] {0, 0, 0, (byte) 0xFF, (byte) 0xD8, 1, 2, 3}),
            concat(head, new byte[] {0, 0, 0, 0}, eoi),
            concat(head, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, eoi),
            head,
        };
        for (byte[] variant : variants) {
            assertArrayEquals(expected, DECODER.decode(variant, pixels.format()).samples());
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void dimensionsDifferentFromTheDicomHeaderAreRefused() throws IOException {
        PixelData pixels = JpegLsTestSupport.corpus("derived_transcodes/CRchest440_MONO1_JPEGLSLossless.dcm");
        FrameFormat f = pixels.format();
        FrameFormat wrong = new FrameFormat(f.rows() + 1, f.columns(), 1, f.bitsAllocated(), f.bitsStored(), false,
                f.photometricInterpretation(), 0);
        PixelDataException e = assertThrows(PixelDataException.class,
                () -> DECODER.decode(pixels.encodedFrame(0), wrong));
        assertTrue(e.getMessage().contains("DICOM header"), e.getMessage());
    }

    @Test
    void unsupportedAndInvalidHeadersAreNamed() throws IOException {
        PixelData pixels = JpegLsTestSupport.corpus("derived_transcodes/CRchest440_MONO1_JPEGLSLossless.dcm");
        byte[] frame = pixels.encodedFrame(0);
        FrameFormat format = pixels.format();
        int lse = JpegLsTestSupport.indexOfMarker(frame, 0xF8);
        int sos = JpegLsTestSupport.indexOfMarker(frame, 0xDA);

        byte[] mapping = frame.clone();
        mapping[lse + 4] = 2; // LSE id 2: mapping table
        assertMessage(mapping, format, "mapping tables");

        byte[] badThreshold = frame.clone();
        badThreshold[lse + 7] = (byte) 0xFF; // T1 = 0xFF12 > T2
        badThreshold[lse + 8] = (byte) 0x12;
        assertMessage(badThreshold, format, "thresholds");

        byte[] tooNear = frame.clone();
        tooNear[sos + 7] = (byte) 0xFF; // NEAR 255, more than MAXVAL / 2 once MAXVAL is 3
        tooNear[lse + 5] = 0;
        tooNear[lse + 6] = 3;
        tooNear[lse + 7] = 0;
        tooNear[lse + 8] = 0;
        tooNear[lse + 9] = 0;
        tooNear[lse + 10] = 0;
        tooNear[lse + 11] = 0;
        tooNear[lse + 12] = 0;
        assertMessage(tooNear, format, "NEAR");

        byte[] pointTransform = frame.clone();
        pointTransform[sos + 9] = 1;
        assertMessage(pointTransform, format, "point transform");

        byte[] noScan = Arrays.copyOf(frame, sos);
        assertMessage(noScan, format, "0 of 1 components");

        byte[] jpeg = frame.clone();
        jpeg[3] = (byte) 0xC3; // SOF3 instead of SOF55
        assertMessage(jpeg, format, "not JPEG-LS");

        assertMessage(new byte[] {0, 1, 2, 3, 4}, format, "SOI");
    }

    private static void assertMessage(byte[] codestream, FrameFormat format, String expected) {
        PixelDataException e = assertThrows(PixelDataException.class, () -> DECODER.decode(codestream, format));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should mention " + expected);
        assertNotSafetyNet(e, -1);
    }

    private static void assertSurvivesMutations(byte[] original, FrameFormat format, int rounds, long seed) {
        Random random = new Random(seed);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int failures = 0;
            for (int round = 0; round < rounds; round++) {
                byte[] damaged = original.clone();
                int changes = 1 + random.nextInt(4);
                for (int c = 0; c < changes; c++) {
                    // half of the damage in the first 64 bytes (the headers), half anywhere
                    int at = random.nextBoolean() ? random.nextInt(Math.min(64, damaged.length))
                            : random.nextInt(damaged.length);
                    damaged[at] = (byte) random.nextInt(256);
                }
                try {
                    DecodedFrame frame = DECODER.decode(damaged, format);
                    assertEquals(format.sampleCount(), frame.samples().length);
                    int max = (1 << frame.precision()) - 1;
                    for (int v : frame.samples()) {
                        assertTrue(v >= 0 && v <= max, "sample " + v + " outside the precision");
                    }
                } catch (PixelDataException e) {
                    assertNotSafetyNet(e, round);
                    failures++;
                }
            }
            assertTrue(failures > 0, "some damage must be detected");
        });
    }

    /** The decoder's catch-all turns runtime exceptions into PixelDataException: it must never fire. */
    private static void assertNotSafetyNet(PixelDataException e, int where) {
        assertFalse(e.getCause() instanceof RuntimeException, "decoder defect at " + where + ": " + e.getCause());
    }

    /** Offsets to cut at: every byte of the headers and of the end, and 150 spread over the scan. */
    private static int[] truncationPoints(int length) {
        return java.util.stream.IntStream.concat(
                java.util.stream.IntStream.range(0, Math.min(48, length)),
                java.util.stream.IntStream.concat(
                        java.util.stream.IntStream.range(0, 150).map(i -> (int) ((long) length * i / 150)),
                        java.util.stream.IntStream.range(Math.max(0, length - 12), length)))
                .distinct().sorted().toArray();
    }

    /** Start of the trailing marker sequence (fill bytes and EOI) after the last scan's data. */
    private static int endOfScanData(byte[] codestream) {
        int eoi = -1;
        for (int i = codestream.length - 2; i >= 0; i--) {
            if (codestream[i] == (byte) 0xFF && codestream[i + 1] == (byte) 0xD9) {
                eoi = i;
                break;
            }
        }
        assertTrue(eoi > 0, "the codestream ends with EOI");
        while (eoi > 0 && codestream[eoi - 1] == (byte) 0xFF) {
            eoi--; // fill bytes, such as dcmtk's padding to an even length
        }
        return eoi;
    }
}
