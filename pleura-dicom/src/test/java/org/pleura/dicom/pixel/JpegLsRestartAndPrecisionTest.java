package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pleura.dicom.pixel.JpegLsTestSupport.assertSameSamples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.VR;

/**
 * What dcmtk cannot make, made by {@link JpegLsTestEncoder} from real images: restart intervals
 * (grey and colour, lossless and near-lossless), 2- to 16-bit precision, high-entropy 16-bit data
 * (escape codes), a MAXVAL that is not 2^P - 1, custom parameters in a second LSE before a later
 * scan. Lossless results must equal the source; near-lossless results, and those of every
 * precision, must also equal GDCM's decode (CharLS 2) of the same codestream wrapped in a DICOM
 * file.
 */
class JpegLsRestartAndPrecisionTest {

    private static final JpegLsDecoder DECODER = new JpegLsDecoder();
    private static final String CR_CHEST = "derived_transcodes/CRchest440_MONO1_explicitLE.dcm";

    @ParameterizedTest(name = "restart every {0} lines, NEAR={1}")
    @CsvSource({"1, 0", "7, 0", "64, 0", "439, 0", "5, 3", "100, 1"})
    void greyWithRestartIntervals(int interval, int near, @TempDir Path dir) throws IOException {
        PixelData source = JpegLsTestSupport.corpus(CR_CHEST);
        int[] samples = source.decodeFrame(0);
        byte[] cs = JpegLsTestEncoder.encode(samples, 440, 440, 1,
                new JpegLsTestEncoder.Options(10, near, 0, interval, null));
        int restarts = countRestartMarkers(cs);
        assertEquals((440 - 1) / interval, restarts, "restart markers written");
        int[] decoded = DECODER.decode(cs, source.format()).samples();
        if (near == 0) {
            assertSameSamples(samples, decoded, 440, 1, "restart " + interval);
        } else {
            assertTrue(JpegLsTestSupport.maxDifference(samples, decoded) <= near);
            int[] gdcm = gdcmDecode(cs, source.format(), 10, dir);
            assertSameSamples(gdcm, decoded, 440, 1, "GDCM, restart " + interval + " NEAR " + near);
        }
    }

    @ParameterizedTest(name = "RGB ILV {0}, restart every {1} lines, NEAR={2}")
    @CsvSource({"1, 5, 0", "2, 5, 0", "0, 9, 0", "2, 16, 2", "1, 3, 1"})
    void colourWithRestartIntervals(int interleave, int interval, int near, @TempDir Path dir) throws IOException {
        PixelData source = JpegLsTestSupport.pixels(JpegLsTestEncoderTest.rgb(dir));
        FrameFormat f = source.format();
        int[] samples = source.decodeFrame(0);
        byte[] cs = JpegLsTestEncoder.encode(samples, f.rows(), f.columns(), 3,
                new JpegLsTestEncoder.Options(8, near, interleave, interval, null));
        int[] decoded = DECODER.decode(cs, f).samples();
        if (near == 0) {
            assertSameSamples(samples, decoded, f.columns(), 3, "RGB restart");
        } else {
            assertTrue(JpegLsTestSupport.maxDifference(samples, decoded) <= near);
            assertSameSamples(gdcmDecode(cs, f, 8, dir), decoded, f.columns(), 3, "GDCM, RGB restart");
        }
    }

    @Test
    void missingOrMisnumberedRestartMarkerIsRefused() throws IOException {
        PixelData source = JpegLsTestSupport.corpus(CR_CHEST);
        byte[] cs = JpegLsTestEncoder.encode(source.decodeFrame(0), 440, 440, 1,
                new JpegLsTestEncoder.Options(10, 0, 0, 50, null));
        int rst = JpegLsTestSupport.indexOfMarker(cs, 0xD2);
        byte[] misnumbered = cs.clone();
        misnumbered[rst + 1] = (byte) 0xD5;
        PixelDataException e = assertThrows(PixelDataException.class, () -> DECODER.decode(misnumbered, source.format()));
        assertTrue(e.getMessage().contains("RST2"), e.getMessage());
        byte[] cut = Arrays.copyOf(cs, rst);
        e = assertThrows(PixelDataException.class, () -> DECODER.decode(cut, source.format()));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /** Source values reduced or spread to each precision: lossless round trip, and GDCM agrees. */
    @ParameterizedTest(name = "P={0}, MAXVAL={1}, NEAR={2}, noise={3}")
    @CsvSource({
        "2, 0, 0, 0", "3, 0, 0, 0", "5, 0, 1, 0", "8, 0, 0, 0", "12, 1000, 0, 0", "12, 3000, 2, 0",
        "16, 0, 0, 0", "16, 0, 0, 16", "16, 0, 7, 12", "13, 0, 0, 13"})
    void everyPrecision(int precision, int maxVal, int near, int noiseBits, @TempDir Path dir) throws IOException {
        PixelData source = JpegLsTestSupport.corpus(CR_CHEST);
        int[] cr = source.decodeFrame(0);
        int top = maxVal != 0 ? maxVal : (1 << precision) - 1;
        Random random = new Random(precision * 31L + noiseBits);
        int[] samples = new int[cr.length];
        for (int i = 0; i < cr.length; i++) {
            long v = (long) cr[i] * top / 1023; // the real image spread over the range
            if (noiseBits > 0) {
                v ^= random.nextInt(1 << noiseBits); // high entropy: long Golomb codes and escapes
            }
            samples[i] = (int) Math.min(top, Math.max(0, v));
        }
        int[] lse = maxVal != 0 ? new int[] {maxVal, 0, 0, 0, 0} : null;
        byte[] cs = JpegLsTestEncoder.encode(samples, 440, 440, 1,
                new JpegLsTestEncoder.Options(precision, near, 0, 0, lse));
        FrameFormat format = new FrameFormat(440, 440, 1, precision > 8 ? 16 : 8, precision, false, "MONOCHROME2", 0);
        DecodedFrame frame = DECODER.decode(cs, format);
        assertEquals(precision, frame.precision());
        if (near == 0) {
            assertSameSamples(samples, frame.samples(), 440, 1, "P=" + precision);
        } else {
            assertTrue(JpegLsTestSupport.maxDifference(samples, frame.samples()) <= near);
        }
        if (maxVal == 0) {
            // Not for MAXVAL < 2^P - 1: CharLS 2.4 (GDCM) then derives RANGE, LIMIT and the initial A from P
            // instead of MAXVAL (T.87 A.2.1), so it cannot read a conforming codestream; this decoder follows
            // the standard, checked by the round trip above with the independent test encoder.
            assertSameSamples(gdcmDecode(cs, format, precision, dir), frame.samples(), 440, 1, "GDCM P=" + precision);
        }
    }

    /** ILV 0 colour with a different LSE (thresholds, RESET) before each component's scan. */
    @Test
    void presetParametersChangingBetweenScans(@TempDir Path dir) throws IOException {
        PixelData source = JpegLsTestSupport.pixels(JpegLsTestEncoderTest.rgb(dir));
        FrameFormat f = source.format();
        int[] samples = source.decodeFrame(0);
        int[][] perScan = {{0, 4, 9, 30, 20}, {0, 0, 0, 0, 200}, {255, 2, 3, 4, 3}};
        byte[] changing = JpegLsTestEncoder.encode(samples, f.rows(), f.columns(), 3,
                new JpegLsTestEncoder.Options(8, 0, 0, 0, null, perScan));
        byte[] defaults = JpegLsTestEncoder.encode(samples, f.rows(), f.columns(), 3,
                new JpegLsTestEncoder.Options(8, 0, 0, 0, null));
        assertEquals(3, countMarkers(changing, 0xF8), "an LSE before each scan");
        assertFalse(Arrays.equals(JpegLsTestEncoderTest.scanData(changing), JpegLsTestEncoderTest.scanData(defaults)),
                "the parameters change the coding");
        assertSameSamples(samples, DECODER.decode(changing, f).samples(), f.columns(), 3, "LSE between scans");
        assertSameSamples(gdcmDecode(changing, f, 8, dir), DECODER.decode(changing, f).samples(), f.columns(), 3,
                "GDCM, LSE between scans");
    }

    private static int countMarkers(byte[] cs, int code) {
        int count = 0;
        for (int i = 0; i + 1 < cs.length; i++) {
            if (cs[i] == (byte) 0xFF && (cs[i + 1] & 0xFF) == code) {
                count++;
            }
        }
        return count;
    }

    private static int countRestartMarkers(byte[] cs) {
        int count = 0;
        for (int i = 0; i + 1 < cs.length; i++) {
            int code = cs[i + 1] & 0xFF;
            if (cs[i] == (byte) 0xFF && code >= 0xD0 && code <= 0xD7) {
                count++;
            }
        }
        return count;
    }

    /** Wraps a codestream in a DICOM file and decodes it with GDCM's {@code gdcmconv --raw}. */
    private static int[] gdcmDecode(byte[] cs, FrameFormat f, int bitsStored, Path dir) throws IOException {
        TransferSyntax ts = TransferSyntax.JPEG_LS_NEAR_LOSSLESS;
        int bitsAllocated = bitsStored > 8 ? 16 : 8;
        byte[] fragment = cs.length % 2 == 0 ? cs : Arrays.copyOf(cs, cs.length + 1);
        DicomObject ds = DicomObject.builder()
                .putString(Tag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7")
                .putString(Tag.SOPInstanceUID, "2.25.1234567890123456789")
                .putString(Tag.Modality, "OT")
                .putInt(Tag.SamplesPerPixel, f.samplesPerPixel())
                .putString(Tag.PhotometricInterpretation, f.samplesPerPixel() == 3 ? "RGB" : "MONOCHROME2")
                .putInt(Tag.Rows, f.rows())
                .putInt(Tag.Columns, f.columns())
                .putInt(Tag.BitsAllocated, bitsAllocated)
                .putInt(Tag.BitsStored, bitsStored)
                .putInt(Tag.HighBit, bitsStored - 1)
                .putInt(Tag.PixelRepresentation, 0)
                .putFragments(Tag.PixelData, VR.OB, new byte[0], List.of(fragment))
                .build();
        if (f.samplesPerPixel() == 3) {
            ds = ds.toBuilder().putInt(Tag.PlanarConfiguration, 0).build();
        }
        Path file = dir.resolve("ours-" + System.nanoTime() + ".dcm");
        DicomWriter.write(file, ds, ts);
        PixelData decoded = JpegLsTestSupport.gdcmDecode(file, dir);
        return decoded.decodeFrame(0);
    }
}
