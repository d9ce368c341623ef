package org.pleura.results.pipeline;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.Tag;
import org.pleura.image.GrayImage;
import org.pleura.image.RadiographReader;
import org.pleura.model.Detector;
import org.pleura.model.check.FeatureCheck;
import org.pleura.model.check.FeatureStatistics;
import org.pleura.model.check.InputVerdict;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.results.Fixtures;
import org.pleura.results.Language;

/** The whole pipeline on real files with a small random-weights model (scores are meaningless, the flow is not). */
class AnalyzerTest {

    @TempDir
    static Path tmp;

    private static Analyzer analyzer;

    @BeforeAll
    static void load() throws Exception {
        Path pkg = Fixtures.randomPackage(tmp.resolve("model"), 0.6, 0.4);
        analyzer = Analyzer.load(pkg, AnalyzerOptions.defaults().withBackend(Detector.Backend.ONNX_RUNTIME, 2));
    }

    @AfterAll
    static void close() {
        if (analyzer != null) {
            analyzer.close();
        }
    }

    @Test
    void chestDicomInEveryTransferSyntaxIsAnalysedWithAllFourArtefacts() throws Exception {
        for (String f : new String[] {"derived_transcodes/CRchest440_MONO1_explicitBE.dcm",
                "derived_transcodes/CRchest440_MONO1_Deflated.dcm", "derived_transcodes/CRchest440_MONO1_RLE.dcm",
                "derived_transcodes/CRchest440_MONO1_J2KLossless.dcm",
                "derived_transcodes/CRchest440_MONO1_JPEGLSLossless.dcm",
                "derived_transcodes/nih_dx/NIHdx_Cardiomegaly_MONO2_8bit_JPEGBaseline_lossy.dcm",
                "real_original/fo-dicom/CR-MONO1-10-chest.dcm"}) {
            AnalysisOutcome o = analyzer.analyze(Fixtures.dicom(f));
            AnalysisOutcome.Analyzed a = assertInstanceOf(AnalysisOutcome.Analyzed.class, o, f + ": " + o);
            assertEquals(Fixtures.MODEL, a.analysis().model());
            assertNotNull(a.analysis().abnormal());
            assertTrue(a.artefacts().overlay().isPresent() && a.artefacts().sc().isPresent()
                    && a.artefacts().sr().isPresent(), f);
            JsonNode json = new ObjectMapper().readTree(a.artefacts().json());
            assertEquals(Path.of(f).getFileName().toString(), json.get("image").asText());
            assertTrue(json.get("disclaimer").asText().contains("not a diagnosis"));
            DicomObject sr = DicomReader.read(a.artefacts().sr().get(), org.pleura.dicom.ReadOptions.DEFAULT).dataset();
            DicomObject src = RadiographReader.read(Fixtures.dicom(f)).dicomHeader().orElseThrow();
            assertEquals(src.getString(Tag.StudyInstanceUID), sr.getString(Tag.StudyInstanceUID));
            assertTrue(a.times().of(Stage.INFER) > 0 && a.times().of(Stage.DECODE) > 0);
        }
    }

    @Test
    void picturesGetJsonAndOverlayButNoDicom() throws Exception {
        Path jpg = Files.list(Fixtures.nihImages()).sorted().findFirst().orElseThrow();
        AnalysisOutcome.Analyzed a = assertInstanceOf(AnalysisOutcome.Analyzed.class, analyzer.analyze(jpg));
        assertTrue(a.artefacts().overlay().isPresent());
        assertTrue(a.artefacts().sc().isEmpty() && a.artefacts().sr().isEmpty());
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(a.artefacts().overlay().get()));
        assertEquals(512, png.getWidth(), "overlay at the source's size");

        Path png16 = tmp.resolve("chest.png");
        ImageIO.write(RadiographReader.read(Fixtures.dicom("real_original/fo-dicom/CR-MONO1-10-chest.dcm")).display()
                .toBufferedImage(), "png", png16.toFile());
        assertInstanceOf(AnalysisOutcome.Analyzed.class, analyzer.analyze(png16));
    }

    @Test
    void nonChestDicomIsRefusedByItsHeaderWithoutScores() throws Exception {
        AnalysisOutcome o = analyzer.analyze(Fixtures.dicom("real_original/pydicom-data/693_UNCR.dcm"));
        AnalysisOutcome.Refused r = assertInstanceOf(AnalysisOutcome.Refused.class, o);
        assertEquals(InputVerdict.Kind.HEADER, r.kind());
        assertTrue(r.reason().contains("CT"), r.reason());
        assertTrue(r.artefacts().overlay().isEmpty() && r.artefacts().sr().isEmpty());
        JsonNode json = new ObjectMapper().readTree(r.artefacts().json());
        assertTrue(json.get("abnormal").isNull());
        assertEquals(0, json.get("findings").size());
        assertTrue(json.get("warnings").get(0).asText().contains("CT"));
        assertEquals(0, r.times().of(Stage.INFER), "refused before the model ran");
    }

    @Test
    void headerlessCopiesOfNonChestImagesAreRefusedByThePictureCheck() throws Exception {
        for (String f : new String[] {"real_original/pydicom-data/693_UNCR.dcm",
                "real_original/pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm", "real_original/pydicom-data/RG3_J2KR.dcm",
                "real_original/pydicom-data/JPEG-LL.dcm"}) {
            Path png = tmp.resolve(Path.of(f).getFileName() + ".png");
            ImageIO.write(RadiographReader.read(Fixtures.dicom(f)).display().toBufferedImage(), "png", png.toFile());
            AnalysisOutcome.Refused r = assertInstanceOf(AnalysisOutcome.Refused.class, analyzer.analyze(png), f);
            assertEquals(InputVerdict.Kind.PICTURE, r.kind(), f + ": " + r.reason());
        }
    }

    @Test
    void corruptAndMissingFilesFailWithTheirNameAndAReason() throws Exception {
        byte[] good = Files.readAllBytes(Fixtures.dicom("derived_transcodes/CRchest440_MONO1_explicitLE.dcm"));
        Path truncated = tmp.resolve("truncated.dcm");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 3));
        AnalysisOutcome.Failed f = assertInstanceOf(AnalysisOutcome.Failed.class, analyzer.analyze(truncated));
        assertEquals("truncated.dcm", f.source());
        assertFalse(f.problem().isBlank());
        assertFalse(f.retryable());

        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "not an image");
        AnalysisOutcome.Failed t = assertInstanceOf(AnalysisOutcome.Failed.class, analyzer.analyze(text));
        assertTrue(t.problem().contains("not a DICOM, PNG or JPEG"), t.problem());

        AnalysisOutcome.Failed m = assertInstanceOf(AnalysisOutcome.Failed.class, analyzer.analyze(tmp.resolve("absent.dcm")));
        assertEquals("no such file", m.problem());
    }

    @Test
    void withoutFeatureStatisticsTheAnalysisSaysSo() throws Exception {
        assertFalse(analyzer.checksFeatures());
        AnalysisOutcome.Analyzed a = assertInstanceOf(AnalysisOutcome.Analyzed.class,
                analyzer.analyze(Fixtures.dicom("derived_transcodes/CRchest440_MONO1_RLE.dcm")));
        assertTrue(a.analysis().warnings().stream().anyMatch(w -> w.contains(FeatureStatistics.FILE_NAME)));
    }

    @Test
    void concurrentAnalysesGiveTheSameScoresAsOneAtATime() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Fixtures.nihImages())) {
            files = s.sorted().limit(8).toList();
        }
        List<Double> serial = new ArrayList<>();
        for (Path f : files) {
            serial.add(((AnalysisOutcome.Analyzed) analyzer.analyze(f)).analysis().abnormal().score());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AnalysisOutcome>> futures = new ArrayList<>();
            for (int rep = 0; rep < 2; rep++) {
                for (Path f : files) {
                    futures.add(pool.submit(() -> analyzer.analyze(f)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                AnalysisOutcome.Analyzed a = (AnalysisOutcome.Analyzed) futures.get(i).get();
                assertEquals(serial.get(i % files.size()), a.analysis().abnormal().score(), 1e-6);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void featureCheckRefusesWhatDoesNotLookLikeTheTrainingImages() throws Exception {
        Path pkgDir = Fixtures.randomPackage(tmp.resolve("model-with-stats"), 0.6, 0.4);
        List<GrayImage> chests = new ArrayList<>();
        try (Stream<Path> s = Files.list(Fixtures.nihImages())) {
            for (Path p : s.sorted().limit(60).toList()) {
                chests.add(RadiographReader.read(p).display());
            }
        }
        try (Detector d = Detector.load(pkgDir, Detector.Backend.ONNX_RUNTIME)) {
            org.pleura.model.InputStatistics.compute(d, chests.subList(0, 45), chests.subList(45, 60), 16, 1.0, 1.5).write(pkgDir);
        }
        ModelPackage.load(pkgDir);
        try (Analyzer withStats = Analyzer.load(pkgDir, AnalyzerOptions.defaults().withLanguage(Language.FR)
                .withArtefacts(java.util.EnumSet.of(Artefact.JSON)))) {
            assertTrue(withStats.checksFeatures());
            // a smooth synthetic picture that passes the picture check but is no radiograph
            int w = 600;
            BufferedImage img = new BufferedImage(w, w, BufferedImage.TYPE_BYTE_GRAY);
            Random rnd = new Random(4);
            for (int y = 0; y < w; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0.5 + 0.35 * Math.sin(x / 37.0) * Math.cos(y / 23.0) + 0.02 * rnd.nextGaussian();
                    img.getRaster().setSample(x, y, 0, (int) Math.max(0, Math.min(255, v * 255)));
                }
            }
            Path waves = tmp.resolve("waves.png");
            ImageIO.write(img, "png", waves.toFile());
            AnalysisOutcome o = withStats.analyze(waves);
            AnalysisOutcome.Refused r = assertInstanceOf(AnalysisOutcome.Refused.class, o, o.toString());
            assertEquals(InputVerdict.Kind.FEATURES, r.kind());
            assertTrue(r.analysis().warnings().get(0).startsWith("Refusé"), r.analysis().warnings().toString());

            Path chest = Files.list(Fixtures.nihImages()).sorted().skip(200).findFirst().orElseThrow();
            AnalysisOutcome c = withStats.analyze(chest);
            assertInstanceOf(AnalysisOutcome.Analyzed.class, c, "an unseen NIH chest passes: " + c);
        }
    }
}
