package org.pleura.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.batch.BatchException;
import org.pleura.batch.TestData;
import org.pleura.batch.TestSpark;
import org.pleura.batch.analysis.AnalyzerSpec;
import org.pleura.batch.store.BatchOutput;
import org.pleura.batch.store.BatchTables;
import org.pleura.batch.store.OutputLock;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.model.Detector;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.FindingResult;
import org.pleura.results.pipeline.AnalysisOutcome;
import org.pleura.results.pipeline.Analyzer;
import org.pleura.results.pipeline.AnalyzerOptions;
import org.pleura.results.pipeline.Artefact;
import org.pleura.results.pipeline.Reading;

/**
 * {@code pleura batch} in Spark local mode on real radiographs: the DICOM corpus (through a manifest of the files its
 * MANIFEST.psv lists), the NIH test split (through a manifest with patient ids), a folder of broken files and a
 * folder of PNG radiographs; the
 * rows are compared, one by one, with what the {@link Analyzer} gives with {@code pleura analyze}'s options on the
 * same files; a second run adds no row; a run left half-written is removed; a held lock stops a second run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchJobTest {

    private static final int PNGS = 3;
    private SparkSession spark;
    private Path out;
    private List<String> inputs;
    private List<Path> dicom;
    private List<Map<String, String>> nih;
    private AnalyzerSpec spec;
    private long firstRunOutcomes;
    private long firstRunFindings;

    @BeforeAll
    void setUp(@TempDir Path tmp) throws IOException {
        Path model = TestData.chestModel();
        dicom = TestData.dicomCorpus();
        nih = TestData.nihRows(r -> "test".equals(r.get("split")));
        Path dicomCsv = TestData.writeManifest(tmp.resolve("inputs/dicom.csv"), dicom, List.of(), List.of());
        Path nihCsv = TestData.writeManifest(tmp.resolve("inputs/nih.csv"), nih.stream().map(TestData::nihImage).toList(),
                List.of("patient_id"), nih.stream().map(r -> List.of(r.get("patient_id"))).toList());
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        // a DICOM file cut inside its header, and an NIH JPEG (not in the test split) cut in half
        byte[] d = Files.readAllBytes(dicom.get(0));
        Files.write(broken.resolve("cut-header.dcm"), java.util.Arrays.copyOf(d, 300));
        Path otherJpeg = TestData.nihImage(TestData.nihRows(r -> "train".equals(r.get("split"))).get(0));
        byte[] j = Files.readAllBytes(otherJpeg);
        Files.write(broken.resolve("cut-half.jpg"), java.util.Arrays.copyOf(j, j.length / 2));
        Files.writeString(broken.resolve("README.txt"), "not an image: counted, never analysed\n");
        // a folder of PNG radiographs: three NIH training images written as 8-bit PNG
        Path png = Files.createDirectories(tmp.resolve("png"));
        List<Map<String, String>> train = TestData.nihRows(r -> "train".equals(r.get("split")));
        for (Map<String, String> r : train.subList(1, 1 + PNGS)) {
            Path jpeg = TestData.nihImage(r);
            javax.imageio.ImageIO.write(javax.imageio.ImageIO.read(jpeg.toFile()), "png",
                    png.resolve(jpeg.getFileName().toString().replace(".jpg", ".png")).toFile());
        }
        inputs = List.of(dicomCsv.toString(), nihCsv.toString(), broken.toString(), png.toString());
        spec = new AnalyzerSpec(List.of(model.toString()), "en", false, 1);
        out = tmp.resolve("out");
        spark = TestSpark.session();
    }

    @AfterAll
    void closeAnalyzers() {
        org.pleura.batch.analysis.AnalyzerHolder.closeAll();
    }

    private BatchSummary runBatch() throws BatchException {
        return new BatchJob(spark, Clock.systemUTC(), line -> { }).run(new BatchSettings(inputs, out, spec, false, 100));
    }

    @Test
    @Order(1)
    void rowsAreThoseOfPleuraAnalyzeOnTheSameFiles() throws Exception {
        BatchSummary s = runBatch();
        BatchTables tables = new BatchTables(spark, new BatchOutput(out));
        List<Row> outcomes = tables.outcomes().collectAsList();
        List<Row> findings = tables.findings().collectAsList();

        Set<String> sops = new HashSet<>();
        for (Path f : dicom) {
            sops.add(DicomReader.read(f, ReadOptions.HEADER_ONLY).dataset().getString(Tag.SOPInstanceUID).strip());
        }
        // one outcome per NIH image, per distinct DICOM instance (transcodes share their source's SOP Instance UID)
        // per broken file and per PNG; the README is not an image
        assertEquals(nih.size() + sops.size() + 2 + PNGS, outcomes.size());
        assertEquals(PNGS, outcomes.stream().filter(r -> "PNG".equals(r.getAs("format"))).count());
        assertEquals(dicom.size() - sops.size(), s.duplicates());
        assertEquals(1, s.notImages());
        assertEquals(outcomes.size(), s.analysed() + s.refused() + s.failed());
        assertTrue(s.chunks().size() >= 2, "200 files in chunks of 100 make several commits");

        Map<String, List<Row>> findingsByFile = new HashMap<>();
        findings.forEach(r -> findingsByFile.computeIfAbsent(r.getAs("file"), k -> new ArrayList<>()).add(r));
        AnalyzerOptions cli = AnalyzerOptions.defaults().withArtefacts(EnumSet.of(Artefact.JSON))
                .withBackend(Detector.Backend.ONNX_RUNTIME, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        int analysed = 0;
        try (Analyzer analyzer = Analyzer.load(spec.modelPaths(), cli)) {
            for (Row o : outcomes) {
                String file = o.getAs("file");
                AnalysisOutcome expected = analyzer.analyze(Path.of(file));
                String status = o.getAs("status");
                if (expected instanceof AnalysisOutcome.Analyzed a) {
                    assertEquals("analysed", status, file);
                    analysed++;
                    assertSameFindings(file, a, findingsByFile.getOrDefault(file, List.of()));
                } else if (expected instanceof AnalysisOutcome.Refused r) {
                    assertEquals("refused", status, file);
                    assertEquals(r.reason(), o.getAs("reason"), file);
                    assertTrue(!findingsByFile.containsKey(file), file + " was refused and has no finding rows");
                } else if (expected instanceof AnalysisOutcome.Failed f) {
                    assertEquals("failed", status, file);
                    assertEquals(f.problem(), o.getAs("reason"), file);
                }
            }
        }
        assertTrue(analysed >= nih.size() / 2, "most NIH test images are read by the chest model: " + analysed);
        Row cut = outcomes.stream().filter(r -> r.<String>getAs("file").endsWith("cut-header.dcm")).findFirst().orElseThrow();
        assertEquals("failed", cut.getAs("status"));
        assertNotNull(cut.getAs("reason"));

        // NIH patients are pseudonymised: one pseudonym per patient id, never the id itself
        Map<String, String> pseudonymByFile = new HashMap<>();
        outcomes.forEach(r -> pseudonymByFile.put(r.getAs("file"), r.getAs("patient_pseudonym")));
        Map<String, Set<String>> byPatient = new HashMap<>();
        for (Map<String, String> row : nih) {
            String p = pseudonymByFile.get(TestData.nihImage(row).toString());
            assertNotNull(p);
            assertNotEquals(row.get("patient_id"), p);
            byPatient.computeIfAbsent(row.get("patient_id"), k -> new HashSet<>()).add(p);
        }
        byPatient.values().forEach(p -> assertEquals(1, p.size()));
        firstRunOutcomes = tables.allOutcomes().count();
        firstRunFindings = findings.size();
    }

    private static void assertSameFindings(String file, AnalysisOutcome.Analyzed a, List<Row> rows) {
        Map<String, Row> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.<String>getAs("model_id") + "/" + r.<String>getAs("finding_id"), r));
        int expected = 0;
        for (Reading reading : a.readings()) {
            Analysis an = reading.analysis();
            List<FindingResult> all = new ArrayList<>(an.results());
            all.add(an.abnormal());
            for (FindingResult f : all) {
                Row r = byId.get(an.model().id() + "/" + f.finding().id());
                assertNotNull(r, file + ": no row for " + f.finding().id());
                assertEquals(f.score(), r.<Double>getAs("score"), 1e-5, file + " " + f.finding().id());
                assertEquals(f.call().jsonName(), r.getAs("call"), file + " " + f.finding().id());
                assertEquals(an.model().version(), r.getAs("model_version"));
                expected++;
            }
        }
        assertEquals(expected, rows.size(), file + ": one row per model and finding");
    }

    @Test
    @Order(2)
    void aSecondRunAddsNoRow() throws Exception {
        BatchSummary s = runBatch();
        assertEquals(0, s.analysed() + s.refused() + s.failed());
        assertEquals(nih.size() + dicom.size() + 2 + PNGS, s.alreadyDone());
        BatchTables tables = new BatchTables(spark, new BatchOutput(out));
        assertEquals(firstRunOutcomes, tables.allOutcomes().count());
        assertEquals(firstRunFindings, tables.findings().count());
    }

    @Test
    @Order(3)
    void aRunKilledBeforeItsCommitIsRemovedAndDoesNotCount() throws Exception {
        BatchOutput output = new BatchOutput(out);
        // what a killed run leaves: table directories without a run record
        Path committed;
        try (Stream<Path> s = Files.list(output.outcomes())) {
            committed = s.filter(p -> p.getFileName().toString().startsWith("run=")).findFirst().orElseThrow();
        }
        Path orphan = output.outcomes("20000101T000000Z-c0001");
        Files.createDirectories(orphan);
        try (Stream<Path> s = Files.list(committed)) {
            for (Path f : s.toList()) {
                Files.copy(f, orphan.resolve(f.getFileName()));
            }
        }
        BatchSummary s = runBatch();
        assertEquals(1, s.removed());
        assertTrue(!Files.exists(orphan));
        assertEquals(firstRunOutcomes, new BatchTables(spark, output).allOutcomes().count());
    }

    @Test
    @Order(4)
    void aSecondRunOnTheSameOutputWaitsForTheLock() throws Exception {
        try (OutputLock held = OutputLock.acquire(new BatchOutput(out), Clock.systemUTC())) {
            BatchException e = assertThrows(BatchException.class, this::runBatch);
            assertTrue(e.getMessage().contains(".lock"), e.getMessage());
        }
    }
}
