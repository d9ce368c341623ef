package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pleura.dicom.pixel.JpegLsTestSupport.assertSameSamples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pleura.dicom.Corpus;
import org.pleura.dicom.TransferSyntax;

/** Lossless JPEG-LS files of the corpus decode to exactly the samples of their uncompressed source. */
class JpegLsLosslessTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "derived_transcodes/CRchest440_MONO1_JPEGLSLossless.dcm, derived_transcodes/CRchest440_MONO1_explicitLE.dcm",
        "derived_transcodes/nih_dx/NIHdx_Cardiomegaly_MONO2_8bit_JPEGLSLossless.dcm, "
                + "derived_transcodes/nih_dx/NIHdx_Cardiomegaly_MONO2_8bit_explicitLE.dcm",
        "derived_transcodes/nih_dx/NIHdx_EffusionMass_MONO2_8bit_JPEGLSLossless.dcm, "
                + "derived_transcodes/nih_dx/NIHdx_EffusionMass_MONO2_8bit_explicitLE.dcm",
        "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_JPEGLSLossless.dcm, "
                + "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_explicitLE.dcm",
        "real_original/pydicom-data/emri_small_jpeg_ls_lossless.dcm, real_original/pydicom-data/emri_small.dcm",
    })
    void equalsUncompressedSource(String jpegLs, String source) throws IOException {
        PixelData encoded = JpegLsTestSupport.corpus(jpegLs);
        PixelData reference = JpegLsTestSupport.corpus(source);
        assertEquals(TransferSyntax.JPEG_LS_LOSSLESS, encoded.transferSyntax());
        assertSameFrames(reference, encoded, jpegLs);
    }

    /** Files without an uncompressed source: GDCM's decode (CharLS 2) is the reference. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "real_original/pydicom-data/JLSL_08_07_0_1F.dcm",
        "real_original/pydicom-data/JLSL_16_15_1_1F.dcm",
    })
    void equalsGdcm(String jpegLs, @TempDir Path dir) throws IOException {
        Path file = Corpus.file(jpegLs);
        assertSameFrames(JpegLsTestSupport.gdcmDecode(file, dir), JpegLsTestSupport.pixels(file), jpegLs);
    }

    /** dcmtk 3.6.7 refuses the 7-bit file ("Invalid compressed image data"), so only the 15-bit one. */
    @Test
    void equalsDcmdjpls(@TempDir Path dir) throws IOException {
        Path file = Corpus.file("real_original/pydicom-data/JLSL_16_15_1_1F.dcm");
        assertSameFrames(JpegLsTestSupport.referenceDecode(file, dir), JpegLsTestSupport.pixels(file), "JLSL_16_15");
    }

    @Test
    void multiFrameHasTenDistinctFrames() throws IOException {
        PixelData encoded = JpegLsTestSupport.corpus("real_original/pydicom-data/emri_small_jpeg_ls_lossless.dcm");
        List<DecodedFrame> frames = JpegLsTestSupport.decodeAll(encoded);
        assertEquals(10, frames.size());
        assertTrue(!java.util.Arrays.equals(frames.get(0).samples(), frames.get(9).samples()),
                "first and last frames differ");
    }

    /** Every frame: stored values through PixelData, and the raw decoder output, equal the reference. */
    static void assertSameFrames(PixelData reference, PixelData encoded, String what) throws IOException {
        FrameFormat format = encoded.format();
        assertEquals(reference.format().rows(), format.rows());
        assertEquals(reference.format().columns(), format.columns());
        assertEquals(reference.frameCount(), encoded.frameCount());
        int mask = (1 << format.bitsStored()) - 1;
        List<DecodedFrame> raw = JpegLsTestSupport.decodeAll(encoded);
        for (int i = 0; i < encoded.frameCount(); i++) {
            int[] expected = reference.decodeFrame(i);
            assertSameSamples(expected, encoded.decodeFrame(i), format.columns(), format.samplesPerPixel(),
                    what + " frame " + i);
            DecodedFrame frame = raw.get(i);
            assertEquals(format.rows(), frame.rows());
            assertEquals(format.columns(), frame.columns());
            int[] maskedExpected = expected.clone();
            int[] maskedRaw = frame.samples().clone();
            for (int s = 0; s < maskedRaw.length; s++) {
                maskedExpected[s] &= mask;
                maskedRaw[s] &= mask;
            }
            assertSameSamples(maskedExpected, maskedRaw, format.columns(), format.samplesPerPixel(),
                    what + " raw frame " + i);
        }
    }
}
