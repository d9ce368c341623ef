package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pleura.dicom.Corpus;

/**
 * The test-only encoder behind the restart and edge-case tests is itself checked here: on real
 * images, with the parameters dcmtk chose, its scan data is byte-identical to {@code dcmcjpls}'s
 * (lossless and near-lossless, grey and colour in the three interleave modes).
 */
class JpegLsTestEncoderTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        "derived_transcodes/CRchest440_MONO1_explicitLE.dcm; +el",
        "derived_transcodes/CRchest440_MONO1_explicitLE.dcm; +en +md 3",
        "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_explicitLE.dcm; +el",
        "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_explicitLE.dcm; +en +md 1",
        "real_original/pydicom-data/MR2_UNCR.dcm; +en +md 4",
        "GH195-RGB; +il",
        "GH195-RGB; +is",
        "GH195-RGB; +in",
        "GH195-RGB; +is +en +md 2",
        "GH195-RGB; +il +en +md 2",
    })
    void scanDataIsByteIdenticalToDcmcjpls(String source, String options, @TempDir Path dir) throws IOException {
        Path original = source.equals("GH195-RGB") ? JpegLsTestEncoderTest.rgb(dir) : Corpus.file(source);
        Path jls = JpegLsTestSupport.encode(original, dir, "dcmtk.dcm", options.split(" "));
        byte[] dcmtk = JpegLsTestSupport.pixels(jls).encodedFrame(0);
        PixelData pixels = JpegLsTestSupport.pixels(original);
        FrameFormat f = pixels.format();
        byte[] ours = JpegLsTestEncoder.encode(pixels.decodeFrame(0), f.rows(), f.columns(), f.samplesPerPixel(),
                optionsOf(dcmtk));
        byte[] expected = scanData(dcmtk);
        assertTrue(expected.length > 1000, "dcmtk wrote scan data");
        assertArrayEquals(expected, scanData(ours), "scan data of " + source + " " + options);
    }

    /** GH195 (a real colour photograph, JPEG) decompressed by dcmdjpeg to explicit LE RGB. */
    static Path rgb(Path dir) throws IOException {
        Path out = dir.resolve("rgb.dcm");
        JpegLsTestSupport.dcmtk("dcmdjpeg", Corpus.file("real_original/fo-dicom/GH195.dcm").toString(), out.toString());
        return out;
    }

    /** The precision, LSE values, NEAR and interleave mode a codestream was written with. */
    static JpegLsTestEncoder.Options optionsOf(byte[] cs) {
        int sof = JpegLsTestSupport.indexOfMarker(cs, 0xF7);
        int lse = JpegLsTestSupport.indexOfMarker(cs, 0xF8);
        int sos = JpegLsTestSupport.indexOfMarker(cs, 0xDA);
        int[] lseValues = null;
        if (lse > 0 && lse < sos) {
            lseValues = new int[5];
            for (int i = 0; i < 5; i++) {
                lseValues[i] = ((cs[lse + 5 + 2 * i] & 0xFF) << 8) | (cs[lse + 6 + 2 * i] & 0xFF);
            }
        }
        int ns = cs[sos + 4] & 0xFF;
        int near = cs[sos + 5 + 2 * ns] & 0xFF;
        int ilv = cs[sos + 6 + 2 * ns] & 0xFF;
        return new JpegLsTestEncoder.Options(cs[sof + 4] & 0xFF, near, ilv, 0, lseValues);
    }

    /** The entropy-coded bytes of every scan, concatenated, without trailing fill bytes. */
    static byte[] scanData(byte[] cs) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int p = 0;
        while ((p = nextMarker(cs, p, 0xDA)) >= 0) {
            int start = p + 2 + (((cs[p + 2] & 0xFF) << 8) | (cs[p + 3] & 0xFF));
            int end = JpegLsBitReader.findMarker(cs, start, cs.length);
            while (end > start && cs[end - 1] == (byte) 0xFF) {
                end--;
            }
            data.write(cs, start, end - start);
            p = end;
        }
        return data.toByteArray();
    }

    private static int nextMarker(byte[] cs, int from, int code) {
        for (int i = from; i + 1 < cs.length; i++) {
            if (cs[i] == (byte) 0xFF && (cs[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        return -1;
    }
}
