package org.pleura.bench.analyze;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.results.Fixtures;
import org.pleura.results.pipeline.Analyzer;
import org.pleura.results.pipeline.AnalyzerOptions;
import org.pleura.results.pipeline.Stage;

/** The benchmark's harness on a small chest radiograph (the numbers themselves are in docs/benchmarks.md). */
class AnalyzeBenchmarkTest {

    @TempDir
    Path tmp;

    @Test
    void everyStageOfADicomAnalysisIsTimed() throws Exception {
        Path file = Fixtures.dicom("derived_transcodes/CRchest440_MONO1_JPEGLosslessSV1.dcm");
        try (Analyzer analyzer = Analyzer.load(Fixtures.randomPackage(tmp.resolve("m"), 0.6, 0.4),
                AnalyzerOptions.defaults())) {
            AnalyzeBenchmark.Result r = AnalyzeBenchmark.measure(analyzer, file, 1, 5);
            for (Stage s : new Stage[] {Stage.DECODE, Stage.INFER, Stage.POSTPROCESS, Stage.JSON, Stage.OVERLAY,
                    Stage.PNG, Stage.SECONDARY_CAPTURE, Stage.STRUCTURED_REPORT}) {
                assertTrue(r.stageP95().get(s) > 0, s + " timed");
            }
            assertTrue(r.totalMedian() >= r.stageMedian().get(Stage.DECODE));
            assertTrue(r.forwardMedian() > 0);
            String table = AnalyzeBenchmark.table(r);
            assertTrue(table.contains("| **end to end** |") && table.contains("bare forward pass"), table);
        }
    }
}
