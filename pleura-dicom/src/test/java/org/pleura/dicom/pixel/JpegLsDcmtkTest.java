package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pleura.dicom.pixel.JpegLsTestSupport.assertSameSamples;
import static org.pleura.dicom.pixel.JpegLsTestSupport.encode;
import static org.pleura.dicom.pixel.JpegLsTestSupport.maxDifference;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pleura.dicom.Corpus;
import org.pleura.dicom.TransferSyntax;

/**
 * JPEG-LS files made at test time by dcmtk's {@code dcmcjpls} from real images: near-lossless
 * (decoded exactly as {@code dcmdjpls} decodes them, and within NEAR of the original), colour in
 * the three interleave modes, and custom preset parameters.
 */
class JpegLsDcmtkTest {

    private static final String CR_CHEST = "derived_transcodes/CRchest440_MONO1_explicitLE.dcm";
    private static final String RG1_CHEST = "derived_transcodes/RG1chest_MONO1_15bit_decompressed_explicitLE.dcm";
    private static final String MR_12BIT = "real_original/pydicom-data/MR2_UNCR.dcm";

    @ParameterizedTest(name = "{0} NEAR={1}")
    @CsvSource({CR_CHEST + ", 2", CR_CHEST + ", 5", RG1_CHEST + ", 3", MR_12BIT + ", 1"})
    void nearLosslessEqualsDcmdjplsAndStaysWithinNear(String source, int near, @TempDir Path dir) throws IOException {
        Path original = Corpus.file(source);
        Path jls = encode(original, dir, "near" + near + ".dcm", "+en", "+md", Integer.toString(near));
        PixelData encoded = JpegLsTestSupport.pixels(jls);
        assertEquals(TransferSyntax.JPEG_LS_NEAR_LOSSLESS, encoded.transferSyntax());
        int[] decoded = encoded.decodeFrame(0);
        int[] reference = JpegLsTestSupport.referenceDecode(jls, dir).decodeFrame(0);
        assertSameSamples(reference, decoded, encoded.format().columns(), 1, "near-lossless " + near);
        int[] source0 = JpegLsTestSupport.pixels(original).decodeFrame(0);
        int max = maxDifference(source0, decoded);
        assertTrue(max <= near, "max deviation " + max + " exceeds NEAR " + near);
        assertTrue(max > 0, "a near-lossless encoding of a real image is not lossless");
    }

    @ParameterizedTest(name = "RGB {0}")
    @CsvSource({"+il, 1", "+is, 2", "+in, 0"})
    void colourLosslessInEveryInterleaveMode(String option, int interleave, @TempDir Path dir) throws IOException {
        Path rgb = rgbSource(dir);
        Path jls = encode(rgb, dir, "rgb" + interleave + ".dcm", option);
        assertEquals(interleave, interleaveMode(JpegLsTestSupport.pixels(jls).encodedFrame(0)));
        PixelData source = JpegLsTestSupport.pixels(rgb);
        PixelData encoded = JpegLsTestSupport.pixels(jls);
        assertEquals(3, encoded.format().samplesPerPixel());
        assertSameSamples(source.decodeFrame(0), encoded.decodeFrame(0), source.format().columns(), 3,
                "RGB ILV " + interleave);
    }

    @ParameterizedTest(name = "RGB {0} NEAR=3")
    @CsvSource({"+il", "+is"})
    void colourNearLossless(String option, @TempDir Path dir) throws IOException {
        Path rgb = rgbSource(dir);
        Path jls = encode(rgb, dir, "rgbnear.dcm", "+en", "+md", "3", option);
        PixelData encoded = JpegLsTestSupport.pixels(jls);
        int[] decoded = encoded.decodeFrame(0);
        assertSameSamples(JpegLsTestSupport.referenceDecode(jls, dir).decodeFrame(0), decoded,
                encoded.format().columns(), 3, "RGB near-lossless " + option);
        int max = maxDifference(JpegLsTestSupport.pixels(rgb).decodeFrame(0), decoded);
        assertTrue(max <= 3 && max > 0, "max deviation " + max);
    }

    @Test
    void customPresetParametersLossless(@TempDir Path dir) throws IOException {
        Path original = Corpus.file(CR_CHEST);
        Path jls = encode(original, dir, "custom.dcm", "+t1", "5", "+t2", "20", "+t3", "70", "+rs", "100");
        byte[] frame = JpegLsTestSupport.pixels(jls).encodedFrame(0);
        int lse = JpegLsTestSupport.indexOfMarker(frame, 0xF8);
        assertTrue(lse > 0, "dcmcjpls wrote an LSE segment");
        assertEquals(5, u16(frame, lse + 7), "T1 in the LSE segment");
        assertEquals(100, u16(frame, lse + 13), "RESET in the LSE segment");
        assertSameSamples(JpegLsTestSupport.pixels(original).decodeFrame(0),
                JpegLsTestSupport.pixels(jls).decodeFrame(0), 440, 1, "custom parameters");
    }

    @Test
    void customPresetParametersNearLossless(@TempDir Path dir) throws IOException {
        Path original = Corpus.file(CR_CHEST);
        Path jls = encode(original, dir, "customnear.dcm", "+en", "+md", "4", "+t1", "12", "+t2", "40", "+t3",
                "200", "+rs", "32");
        assertSameSamples(JpegLsTestSupport.referenceDecode(jls, dir).decodeFrame(0),
                JpegLsTestSupport.pixels(jls).decodeFrame(0), 440, 1, "custom near-lossless parameters");
    }

    /** A real colour photograph (fo-dicom GH195, JPEG) decompressed by dcmdjpeg to explicit LE RGB. */
    private static Path rgbSource(Path dir) throws IOException {
        Path out = dir.resolve("rgb.dcm");
        JpegLsTestSupport.dcmtk("dcmdjpeg", Corpus.file("real_original/fo-dicom/GH195.dcm").toString(), out.toString());
        return out;
    }

    private static int interleaveMode(byte[] codestream) {
        int sos = JpegLsTestSupport.indexOfMarker(codestream, 0xDA);
        int ns = codestream[sos + 4] & 0xFF;
        return codestream[sos + 5 + 2 * ns + 1] & 0xFF;
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }
}
