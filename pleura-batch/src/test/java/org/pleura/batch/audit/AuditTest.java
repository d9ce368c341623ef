package org.pleura.batch.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.batch.BatchException;
import org.pleura.batch.TestData;
import org.pleura.batch.TestSpark;
import org.pleura.batch.analysis.AnalyzerHolder;
import org.pleura.batch.analysis.AnalyzerSpec;
import org.pleura.batch.input.CsvLines;
import org.pleura.batch.job.BatchJob;
import org.pleura.batch.job.BatchSettings;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.model.Detector;
import org.pleura.model.result.FindingResult;
import org.pleura.results.pipeline.AnalysisOutcome;
import org.pleura.results.pipeline.Analyzer;
import org.pleura.results.pipeline.AnalyzerOptions;
import org.pleura.results.pipeline.Artefact;
import org.pleura.results.pipeline.Reading;

/**
 * {@code pleura audit} on a small fixture: 30 NIH validation images with their manifest labels standing in for
 * reports (joined by a path relative to the labels file), and an NIH radiograph wrapped in DICOM joined by its SOP
 * Instance UID with every finding labelled negative. The known discordant cases are what the Analyzer flags on those
 * files where the label is 0; the audit must list exactly them, ranked by score.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTest {

    private SparkSession spark;
    private Path tmp;
    private Path batch;
    private Path labels;
    /** finding -> file -> score of the known discordant cases. */
    private final Map<String, Map<String, Double>> expected = new HashMap<>();

    @BeforeAll
    void setUp(@TempDir Path dir) throws Exception {
        tmp = dir;
        Path model = TestData.chestModel();
        List<Map<String, String>> rows = TestData.nihRows(r -> "val".equals(r.get("split")));
        rows = rows.subList(0, Math.min(30, rows.size()));
        Path dicom = TestData.dicomCorpus().stream()
                .filter(p -> p.getFileName().toString().startsWith("NIHdx_EffusionMass_MONO2_8bit_explicitLE")).findFirst()
                .orElseThrow();
        String sop = DicomReader.read(dicom, ReadOptions.HEADER_ONLY).dataset().getString(Tag.SOPInstanceUID).strip();
        List<Path> images = new ArrayList<>(rows.stream().map(TestData::nihImage).toList());
        images.add(dicom);

        spark = TestSpark.session();
        AnalyzerSpec spec = new AnalyzerSpec(List.of(model.toString()), "en", false, 1);
        batch = tmp.resolve("batch");
        Path inputs = TestData.writeManifest(tmp.resolve("inputs.csv"), images, List.of(), List.of());
        new BatchJob(spark, Clock.systemUTC(), line -> { }).run(new BatchSettings(List.of(inputs.toString()), batch, spec,
                false, 1000));

        // the labels: the manifest's finding columns; the DICOM image by its SOP Instance UID, every finding 0
        List<String> header = CsvLines.split(Files.readAllLines(TestData.shared().resolve("data/nih-cxr/manifest.csv")).get(0));
        List<String> findingColumns = header.subList(header.indexOf("source_labels") + 1, header.size());
        labels = tmp.resolve("reports/labels.csv");
        Files.createDirectories(labels.getParent());
        StringBuilder csv = new StringBuilder("path,sop_instance_uid," + String.join(",", findingColumns) + "\n");
        Map<String, Map<String, String>> labelOf = new HashMap<>();
        for (Map<String, String> r : rows) {
            Path image = TestData.nihImage(r);
            csv.append(labels.getParent().relativize(image)).append(',');
            Map<String, String> l = new HashMap<>();
            for (String f : findingColumns) {
                csv.append(',').append(r.get(f));
                l.put(f, r.get(f));
            }
            csv.append('\n');
            labelOf.put(image.toString(), l);
        }
        csv.append(',').append(sop);
        Map<String, String> allNegative = new HashMap<>();
        for (String f : findingColumns) {
            csv.append(",0");
            allNegative.put(f, "0");
        }
        csv.append('\n');
        labelOf.put(dicom.toString(), allNegative);
        Files.writeString(labels, csv, StandardCharsets.UTF_8);

        AnalyzerOptions cli = AnalyzerOptions.defaults().withArtefacts(EnumSet.of(Artefact.JSON))
                .withBackend(Detector.Backend.ONNX_RUNTIME, 2);
        try (Analyzer analyzer = Analyzer.load(List.of(model), cli)) {
            for (Path image : images) {
                if (analyzer.analyze(image) instanceof AnalysisOutcome.Analyzed a) {
                    for (Reading reading : a.readings()) {
                        for (FindingResult f : reading.analysis().results()) {
                            if (f.call().flags() && "0".equals(labelOf.get(image.toString()).get(f.finding().id()))) {
                                expected.computeIfAbsent(f.finding().id(), k -> new HashMap<>()).put(image.toString(), f.score());
                            }
                        }
                    }
                }
            }
        }
    }

    @AfterAll
    void closeAnalyzers() {
        AnalyzerHolder.closeAll();
    }

    @Test
    void listsExactlyTheKnownDiscordantCasesRankedByScore() throws Exception {
        AuditResult result = new AuditJob(spark).run(batch, labels.toString(), Set.of("positive", "doubtful"));
        assertFalse(expected.isEmpty(), "the fixture has discordant cases");
        assertEquals(31, result.labelRows());
        assertEquals(31, result.matchedRows(), "every label row, by path or by SOP Instance UID, matches its image");

        Map<String, Map<String, Double>> found = new HashMap<>();
        Map<String, Double> lastScore = new HashMap<>();
        for (Discordance d : result.discordances()) {
            found.computeIfAbsent(d.findingId(), k -> new HashMap<>()).put(d.file(), d.score());
            assertTrue(d.score() <= lastScore.getOrDefault(d.findingId(), 1.0), "ranked by score within " + d.findingId());
            lastScore.put(d.findingId(), d.score());
            assertEquals(found.get(d.findingId()).size(), d.rank());
        }
        assertEquals(expected.keySet(), found.keySet());
        for (var e : expected.entrySet()) {
            assertEquals(e.getValue().keySet(), found.get(e.getKey()).keySet(), e.getKey());
            for (var s : e.getValue().entrySet()) {
                assertEquals(s.getValue(), found.get(e.getKey()).get(s.getKey()), 1e-5);
            }
        }
        for (FindingTally t : result.tallies()) {
            assertEquals(expected.getOrDefault(t.findingId(), Map.of()).size(), t.positive() + t.doubtful(), t.findingId());
        }

        Path out = tmp.resolve("audit");
        List<String> problems = AuditReport.write(result, out, 3, new Configuration());
        assertEquals(List.of(), problems);
        String html = Files.readString(out.resolve("index.html"));
        long shown = expected.values().stream().mapToLong(m -> Math.min(3, m.size())).sum();
        assertEquals(shown, html.split("<img ", -1).length - 1);
        assertEquals(result.discordances().size() + 1, Files.readAllLines(out.resolve("discordant.csv")).size());
        Set<String> thumbs = new HashSet<>();
        try (var s = Files.list(out.resolve("thumbnails"))) {
            s.forEach(p -> thumbs.add(p.getFileName().toString()));
        }
        assertEquals(shown, thumbs.size());
    }

    @Test
    void labelsWithoutAKeyColumnAreRefusedByName() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "image,nodule\nx.jpg,0\n");
        BatchException e = assertThrows(BatchException.class,
                () -> new AuditJob(spark).run(batch, bad.toString(), Set.of("positive")));
        assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("path"), e.getMessage());
    }
}
