package org.pleura.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.model.check.FeatureStatistics;
import org.pleura.model.pkg.ModelPackage;

/** {@code pleura input-stats} writes feature statistics into a package, which {@code pleura analyze} then uses. */
class InputStatsCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesStatisticsThatTheAnalysisUses() throws Exception {
        Path model = TestModels.random(tmp.resolve("model"));
        Path nih = DumpAndConvertTest.shared("data/nih-cxr");
        List<String> lines = Files.readAllLines(nih.resolve("manifest.csv"));
        List<String> out = new ArrayList<>();
        out.add("path,patient_id,split");
        int[] want = {40, 12, 10};
        String[] names = {"train", "val", "test"};
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            for (int s = 0; s < 3; s++) {
                if (c[2].equals(names[s]) && want[s] > 0) {
                    want[s]--;
                    out.add(nih.resolve(c[0]).toAbsolutePath() + "," + c[1] + "," + c[2]);
                }
            }
        }
        Path manifest = tmp.resolve("m.csv");
        Files.write(manifest, out);

        CliRun run = CliRun.of("input-stats", "--model", model.toString(), "--manifest", manifest.toString(),
                "--components", "8", "--quantile", "1", "--margin", "1.5");
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("test images the check would refuse:"), run.out());
        FeatureStatistics stats = FeatureStatistics.of(ModelPackage.load(model)).orElseThrow();
        assertEquals(40, stats.images());
        assertEquals(12, stats.calibration().images());

        CliRun analysed = CliRun.of("analyze", "--model", model.toString(),
                DumpAndConvertTest.shared("data/dicom/derived_transcodes/CRchest440_MONO1_RLE.dcm").toString());
        assertFalse(analysed.err().contains("feature-stats.json"), "the check now runs: " + analysed.err());
    }
}
