package org.pleura.batch.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.batch.TestData;
import org.pleura.batch.TestSpark;
import org.pleura.batch.analysis.AnalyzerSpec;
import org.pleura.batch.store.BatchOutput;
import org.pleura.batch.store.BatchTables;

/**
 * {@code pleura batch samples/ --artefacts}: each analysed image has its JSON and overlay PNG beside the tables, and a
 * DICOM image its Secondary Capture and Structured Report; the findings table points at the overlay; a refused image
 * has the JSON saying why.
 */
class ArtefactsTest {

    @Test
    void artefactsAreWrittenBesideTheTables(@TempDir Path tmp) throws Exception {
        Path model = TestData.chestModel();
        Path samples = TestData.repo().resolve("samples");
        assumeTrue(Files.isDirectory(samples), samples + " is absent: skipping");
        Path out = tmp.resolve("out");
        AnalyzerSpec spec = new AnalyzerSpec(List.of(model.toString()), "en", true, 1);
        new BatchJob(TestSpark.session(), Clock.systemUTC(), line -> { })
                .run(new BatchSettings(List.of(samples.toString()), out, spec, true, 100));
        BatchTables tables = new BatchTables(TestSpark.session(), new BatchOutput(out));
        List<Row> outcomes = tables.outcomes().collectAsList();
        long analysedDicom = outcomes.stream().filter(r -> "analysed".equals(r.getAs("status"))
                && "DICOM".equals(r.getAs("format"))).count();
        long analysed = outcomes.stream().filter(r -> "analysed".equals(r.getAs("status"))).count();
        long refused = outcomes.stream().filter(r -> "refused".equals(r.getAs("status"))).count();
        assertTrue(analysedDicom > 0, "the samples have DICOM chest radiographs");

        Path dir = out.resolve("artefacts/" + tables.findings().first().<String>getAs("model_id"));
        assertEquals(analysed, count(dir, ".json"));
        assertEquals(analysed, count(dir, ".overlay.png"));
        assertEquals(analysedDicom, count(dir, ".sc.dcm"));
        assertEquals(analysedDicom, count(dir, ".sr.dcm"));
        assertEquals(refused, count(out.resolve("artefacts/refused"), ".json"));
        for (Row f : tables.findings().collectAsList()) {
            assertTrue(Files.isRegularFile(Path.of(f.<String>getAs("overlay"))), f.<String>getAs("overlay"));
        }
    }

    private static long count(Path dir, String suffix) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)
                    && (suffix.equals(".json") || !p.getFileName().toString().endsWith(".json"))).count();
        }
    }
}
