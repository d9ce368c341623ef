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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JPEG lossless (process 14) must be bit-exact: against the uncompressed source of each re-encoding
 * in the corpus, against dcmtk's {@code dcmdjpeg} for original lossless files, and against the
 * source for files made here by {@code dcmcjpeg} with every predictor and point transforms.
 */
class JpegLosslessTest {
    private static final JpegDecoder DECODER = new JpegDecoder();
    private static Path temp;

    @BeforeAll
    static void createTemp() throws IOException {
        temp = Files.createTempDirectory("pleura-jpeg-lossless");
    }

    @AfterAll
    static void deleteTemp() throws IOException {
        try (Stream<Path> files = Files.walk(temp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "derived_transcodes/CRchest440_MONO1_JPEGLosslessSV1.dcm, derived_transcodes/CRchest440_MONO1_explicitLE.dcm",
        "derived_transcodes/RG1chest_MONO1_15bit_JPEGLosslessSV1.dcm, derived_transcodes/RG1chest_MONO1_15bit_decompressed_explicitLE.dcm",
        "derived_transcodes/nih_dx/NIHdx_Cardiomegaly_MONO2_8bit_JPEGLosslessSV1.dcm, derived_transcodes/nih_dx/NIHdx_Cardiomegaly_MONO2_8bit_explicitLE.dcm",
        "derived_transcodes/nih_dx/NIHdx_EffusionMass_MONO2_8bit_JPEGLosslessSV1.dcm, derived_transcodes/nih_dx/NIHdx_EffusionMass_MONO2_8bit_explicitLE.dcm",
        "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_JPEGLosslessSV1.dcm, derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_explicitLE.dcm",
    })
    void sv1ReencodingMatchesItsUncompressedSource(String compressed, String source) throws Exception {
        assertExact(JpegTestSupport.corpusFile(compressed), JpegTestSupport.corpusFile(source));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "real_original/pydicom-data/JPEG-LL.dcm",
        "real_original/pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm",
        "real_original/fo-dicom/CR-ModalitySequenceLUT.dcm",
        "real_original/fo-dicom/OutOfBoundsOverlay.dcm",
    })
    void originalLosslessFileMatchesDcmdjpeg(String compressed) throws Exception {
        Path in = JpegTestSupport.corpusFile(compressed);
        Path reference = temp.resolve(in.getFileName() + ".dcmdjpeg.dcm");
        JpegTestSupport.run("dcmdjpeg", in.toString(), reference.toString());
        assertExact(in, reference);
    }

    /** Every predictor, with and without a point transform, on a real 10-bit chest radiograph. */
    @ParameterizedTest(name = "predictor {0}, point transform {1}")
    @CsvSource({"1,0", "2,0", "3,0", "4,0", "5,0", "6,0", "7,0", "1,2", "4,3", "7,1"})
    void everyPredictorAndPointTransformIsExact(int predictor, int pointTransform) throws Exception {
        Path source = JpegTestSupport.corpusFile("derived_transcodes/CRchest440_MONO1_explicitLE.dcm");
        Path encoded = temp.resolve("cr-sv" + predictor + "-pt" + pointTransform + ".dcm");
        JpegTestSupport.run("dcmcjpeg", "+el", "+sv", Integer.toString(predictor), "+pt",
                Integer.toString(pointTransform), source.toString(), encoded.toString());
        if (pointTransform == 0) {
            assertExact(encoded, source);
        } else {
            // the point transform drops low bits: compare with dcmtk's own decode
            Path reference = temp.resolve("cr-sv" + predictor + "-pt" + pointTransform + ".dec.dcm");
            JpegTestSupport.run("dcmdjpeg", encoded.toString(), reference.toString());
            assertExact(encoded, reference);
            PixelData pixels = JpegTestSupport.pixels(encoded);
            int[] ours = DECODER.decode(pixels.encodedFrame(0), pixels.format()).samples();
            for (int v : ours) {
                assertEquals(0, v & ((1 << pointTransform) - 1), "low bits must be zero after the point transform");
            }
        }
    }

    /** 16-bit precision, other predictors, and restart markers on the 15-bit chest. */
    @ParameterizedTest(name = "predictor {0} on the 15-bit chest")
    @ValueSource(ints = {6, 7})
    void fifteenBitChestWithOtherPredictors(int predictor) throws Exception {
        Path source = JpegTestSupport.corpusFile("derived_transcodes/RG1chest_MONO1_15bit_decompressed_explicitLE.dcm");
        Path encoded = temp.resolve("rg1-sv" + predictor + ".dcm");
        JpegTestSupport.run("dcmcjpeg", "+el", "+sv", Integer.toString(predictor), source.toString(), encoded.toString());
        assertExact(encoded, source);
    }

    /** Three interleaved components. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"real_original/pydicom-data/SC_rgb_expb.dcm"})
    void colourLosslessIsExact(String rgb) throws Exception {
        Path source = JpegTestSupport.corpusFile(rgb);
        for (int predictor : new int[] {1, 4, 7}) {
            Path encoded = temp.resolve("rgb-sv" + predictor + ".dcm");
            JpegTestSupport.run("dcmcjpeg", "+el", "+sv", Integer.toString(predictor), source.toString(),
                    encoded.toString());
            assertExact(encoded, source);
        }
    }

    /** Restart intervals (every row, every 7 rows) on the real 10-bit chest, with each predictor. */
    @ParameterizedTest(name = "predictor {0}, restart every {1} rows, point transform {2}")
    @CsvSource({"1,1,0", "4,7,0", "6,3,0", "7,1,2", "5,64,1"})
    void restartIntervalsAreExact(int predictor, int restartRows, int pointTransform) throws Exception {
        PixelData source = JpegTestSupport.pixels(
                JpegTestSupport.corpusFile("derived_transcodes/CRchest440_MONO1_explicitLE.dcm"));
        int[] samples = source.decodeFrame(0);
        FrameFormat format = source.format();
        byte[] encoded = new JpegTestLosslessEncoder().encode(samples, format.rows(), format.columns(), 1, 10,
                predictor, pointTransform, restartRows);
        assertTrue(JpegTestSupport.indexOf(encoded, new byte[] {(byte) 0xFF, (byte) 0xD0}) > 0);
        int[] decoded = DECODER.decode(encoded, format).samples();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = samples[i] >> pointTransform << pointTransform;
        }
        assertEquals(0, JpegTestSupport.compare(decoded, samples, 16).differing());
    }

    /**
     * 16-bit samples that jump by exactly 32768 (difference category 16, coded without extra bits)
     * and wrap modulo 2^16, in three interleaved components with restart markers.
     */
    @ParameterizedTest(name = "predictor {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void sixteenBitExtremesInThreeComponents(int predictor) throws Exception {
        int rows = 37;
        int columns = 53;
        int[] samples = new int[rows * columns * 3];
        java.util.Random random = new java.util.Random(predictor);
        int[] palette = {0, 65535, 32768, 32767, 1, 65534};
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextInt(4) == 0 ? random.nextInt(65536) : palette[random.nextInt(palette.length)];
        }
        byte[] encoded = new JpegTestLosslessEncoder().encode(samples, rows, columns, 3, 16, predictor, 0, 5);
        FrameFormat format = new FrameFormat(rows, columns, 3, 16, 16, false, "RGB", 0);
        DecodedFrame frame = DECODER.decode(encoded, format);
        assertEquals(16, frame.precision());
        assertEquals(0, JpegTestSupport.compare(frame.samples(), samples, 16).differing());
    }

    /**
     * Decodes every frame of {@code compressed} through the Part 10 reader and the decoder registry,
     * and requires exactly the stored values of {@code uncompressed}.
     */
    private static void assertExact(Path compressed, Path uncompressed) throws Exception {
        PixelData c = JpegTestSupport.pixels(compressed);
        PixelData u = JpegTestSupport.pixels(uncompressed);
        assertTrue(c.isEncapsulated(), compressed + " is not encapsulated");
        assertEquals(u.format().sampleCount(), c.format().sampleCount());
        assertEquals(u.frameCount(), c.frameCount());
        for (int f = 0; f < c.frameCount(); f++) {
            DecodedFrame frame = DECODER.decode(c.encodedFrame(f), c.format());
            assertTrue(frame.precision() >= c.format().bitsStored(), "precision " + frame.precision());
            int[] expected = u.decodeFrame(f);
            int[] actual = c.decodeFrame(f);
            JpegTestSupport.Difference d = JpegTestSupport.compare(actual, expected, 32);
            assertEquals(0, d.differing(), compressed.getFileName() + " frame " + f + ": " + d);
        }
    }
}
