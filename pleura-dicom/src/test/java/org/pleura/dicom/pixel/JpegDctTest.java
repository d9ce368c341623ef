package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lossy JPEG (baseline and extended, 8 and 12 bits) against dcmtk's {@code dcmdjpeg}, which uses
 * the Independent JPEG Group's libjpeg: the decoder reproduces libjpeg's integer IDCT, range
 * limiting and chroma upsampling, so the tolerance is {@value #TOLERANCE}: every sample must be
 * identical (measured: identical on every file here, 8 and 12 bits, grey and colour, all
 * subsamplings dcmcjpeg offers).
 */
class JpegDctTest {
    /** Maximum absolute difference allowed against dcmdjpeg (the brief allowed 1; we measure 0). */
    static final int TOLERANCE = 0;
    private static final JpegDecoder DECODER = new JpegDecoder();
    private static Path temp;

    @BeforeAll
    static void createTemp() throws IOException {
        temp = Files.createTempDirectory("pleura-jpeg-dct");
    }

    @AfterAll
    static void deleteTemp() throws IOException {
        try (Stream<Path> files = Files.walk(temp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "derived_transcodes/nih_dx/NIHdx_Cardiomegaly_MONO2_8bit_JPEGBaseline_lossy.dcm",
        "derived_transcodes/nih_dx/NIHdx_EffusionMass_MONO2_8bit_JPEGBaseline_lossy.dcm",
        "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_JPEGBaseline_lossy.dcm",
        "real_original/fo-dicom/GH538-jpeg1.dcm",
        "real_original/fo-dicom/GH195.dcm",
    })
    void corpusFileMatchesDcmdjpeg(String file) throws Exception {
        Path in = JpegTestSupport.corpusFile(file);
        assertMatchesDcmdjpeg(in, in.getFileName().toString());
    }

    /** Extended 12-bit made here from real 10-bit CR and 12-bit MR images. */
    @ParameterizedTest(name = "{0} quality {1}")
    @CsvSource({
        "derived_transcodes/CRchest440_MONO1_explicitLE.dcm, 90",
        "derived_transcodes/CRchest440_MONO1_explicitLE.dcm, 50",
        "real_original/pydicom-data/MR2_UNCR.dcm, 90",
        "real_original/pydicom-data/MR2_UNCR.dcm, 75",
    })
    void extendedTwelveBitMatchesDcmdjpeg(String source, int quality) throws Exception {
        Path in = JpegTestSupport.corpusFile(source);
        Path encoded = temp.resolve(in.getFileName() + "-q" + quality + ".ext12.dcm");
        JpegTestSupport.run("dcmcjpeg", "+ee", "+bt", "+q", Integer.toString(quality), in.toString(), encoded.toString());
        DecodedFrame frame = assertMatchesDcmdjpeg(encoded, encoded.getFileName().toString());
        assertEquals(12, frame.precision());
    }

    /**
     * Colour made here from a real photograph (GH195 converted to RGB by dcmtk), re-encoded as YCbCr
     * with each subsampling dcmcjpeg offers (4:4:4, 4:2:2 "h2v1", 4:2:0 "h2v2"), decoded without
     * colour conversion.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+s4", "+n2", "+n1", "+s2", "+np"})
    void colourSubsamplingMatchesDcmdjpeg(String sampling) throws Exception {
        Path source = JpegTestSupport.corpusFile("real_original/fo-dicom/GH195.dcm");
        Path rgb = temp.resolve("gh195-" + sampling + ".rgb.dcm");
        JpegTestSupport.run("dcmdjpeg", source.toString(), rgb.toString());
        Path encoded = temp.resolve("gh195" + sampling + ".dcm");
        JpegTestSupport.run("dcmcjpeg", "+eb", sampling, rgb.toString(), encoded.toString());
        assertMatchesDcmdjpeg(encoded, encoded.getFileName().toString());
    }

    /**
     * Restart markers: libjpeg-turbo's {@code jpegtran -restart} rewrites the entropy-coded data with
     * restart intervals without changing a coefficient, so the decode must not change at all.
     */
    @ParameterizedTest(name = "{0} restart {1}")
    @CsvSource({
        "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_JPEGBaseline_lossy.dcm, 1",
        "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_JPEGBaseline_lossy.dcm, 7B",
        "real_original/fo-dicom/GH195.dcm, 1",
        "real_original/fo-dicom/GH195.dcm, 3B",
    })
    void restartMarkersDoNotChangeTheImage(String file, String interval) throws Exception {
        JpegTestSupport.assumeTool("jpegtran");
        PixelData pixels = JpegTestSupport.pixels(JpegTestSupport.corpusFile(file));
        byte[] original = pixels.encodedFrame(0);
        Path plain = temp.resolve("plain-" + interval + ".jpg");
        Path restarted = temp.resolve("restarted-" + interval + ".jpg");
        Files.write(plain, original);
        JpegTestSupport.run("jpegtran", "-restart", interval, "-outfile", restarted.toString(), plain.toString());
        byte[] withRestarts = Files.readAllBytes(restarted);
        assertTrue(JpegTestSupport.indexOf(withRestarts, new byte[] {(byte) 0xFF, (byte) 0xD1}) > 0,
                "jpegtran wrote no restart marker");
        int[] expected = DECODER.decode(original, pixels.format()).samples();
        int[] actual = DECODER.decode(withRestarts, pixels.format()).samples();
        assertEquals(0, JpegTestSupport.compare(actual, expected, 16).differing());
    }

    /**
     * One scan per component (non-interleaved, still sequential SOF0): jpegtran rewrites the scans
     * without touching a coefficient, so the image must not change.
     */
    @Test
    void nonInterleavedScansDecodeLikeTheInterleavedFrame() throws Exception {
        JpegTestSupport.assumeTool("jpegtran");
        PixelData pixels = JpegTestSupport.pixels(JpegTestSupport.corpusFile("real_original/fo-dicom/GH195.dcm"));
        byte[] original = pixels.encodedFrame(0);
        Path plain = temp.resolve("gh195.jpg");
        Path script = temp.resolve("scans.txt");
        Path separate = temp.resolve("gh195-separate-scans.jpg");
        Files.write(plain, original);
        Files.writeString(script, "0;\n1;\n2;\n");
        JpegTestSupport.run("jpegtran", "-scans", script.toString(), "-outfile", separate.toString(), plain.toString());
        byte[] rewritten = Files.readAllBytes(separate);
        assertTrue(JpegTestSupport.indexOf(rewritten, new byte[] {(byte) 0xFF, (byte) 0xC0}) > 0, "not sequential");
        int[] expected = DECODER.decode(original, pixels.format()).samples();
        int[] actual = DECODER.decode(rewritten, pixels.format()).samples();
        assertEquals(0, JpegTestSupport.compare(actual, expected, 16).differing());
    }

    /** Progressive JPEG is refused with a message naming the process. */
    @Test
    void progressiveIsRefusedByName() throws Exception {
        JpegTestSupport.assumeTool("jpegtran");
        PixelData pixels = JpegTestSupport.pixels(JpegTestSupport.corpusFile("real_original/fo-dicom/GH195.dcm"));
        Path plain = temp.resolve("gh195-p.jpg");
        Path progressive = temp.resolve("gh195-progressive.jpg");
        Files.write(plain, pixels.encodedFrame(0));
        JpegTestSupport.run("jpegtran", "-progressive", "-outfile", progressive.toString(), plain.toString());
        PixelDataException e = org.junit.jupiter.api.Assertions.assertThrows(PixelDataException.class,
                () -> DECODER.decode(Files.readAllBytes(progressive), pixels.format()));
        assertTrue(e.getMessage().contains("progressive"), e.getMessage());
    }

    /** A grey 12-bit image with an odd size exercises the partial edge blocks. */
    @Test
    void oddSizedTwelveBitImage() throws Exception {
        Path in = JpegTestSupport.corpusFile("real_original/fo-dicom/OutOfBoundsOverlay.dcm");
        Path plain = temp.resolve("mg.le.dcm");
        JpegTestSupport.run("dcmdjpeg", in.toString(), plain.toString());
        Path encoded = temp.resolve("mg.ext12.dcm");
        JpegTestSupport.run("dcmcjpeg", "+ee", "+bt", "+q", "85", plain.toString(), encoded.toString());
        assertMatchesDcmdjpeg(encoded, "OutOfBoundsOverlay 12-bit");
    }

    private static DecodedFrame assertMatchesDcmdjpeg(Path encoded, String name) throws Exception {
        Path reference = temp.resolve(encoded.getFileName() + ".ref.dcm");
        JpegTestSupport.run("dcmdjpeg", "+cn", "+px", encoded.toString(), reference.toString());
        PixelData c = JpegTestSupport.pixels(encoded);
        PixelData r = JpegTestSupport.pixels(reference);
        assertTrue(c.isEncapsulated(), name + " is not encapsulated");
        assertEquals(r.format().sampleCount(), c.format().sampleCount());
        DecodedFrame frame = null;
        for (int f = 0; f < c.frameCount(); f++) {
            frame = DECODER.decode(c.encodedFrame(f), c.format());
            JpegTestSupport.Difference d = JpegTestSupport.compare(c.decodeFrame(f), r.decodeFrame(f), 32);
            System.out.println("JPEG DCT vs dcmdjpeg, " + name + " frame " + f + ": " + d);
            assertTrue(d.max() <= TOLERANCE, name + " frame " + f + ": " + d);
        }
        return frame;
    }
}
