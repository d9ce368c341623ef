package org.pleura.bench.analyze;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.model.check.InputVerdict;
import org.pleura.results.Fixtures;
import org.pleura.results.pipeline.Analyzer;
import org.pleura.results.pipeline.AnalyzerOptions;
import org.pleura.results.pipeline.Artefact;

/**
 * The header and picture checks on the survey's groups, with a random-weights model without feature statistics
 * (so only those two checks run): what they must catch on their own, and no real chest radiograph refused.
 */
class InputCheckSurveyTest {

    @TempDir
    Path tmp;

    @Test
    void headerAndPictureChecksCatchWhatTheyShouldAndNoChest() throws Exception {
        List<InputCheckSurvey.Group> groups = new ArrayList<>();
        for (InputCheckSurvey.Group g : InputCheckSurvey.groups(Fixtures.shared(), tmp)) {
            // a sample of the NIH test split keeps the test short
            groups.add(g.name().startsWith("NIH") ? new InputCheckSurvey.Group(g.name(), true,
                    g.files().subList(0, Math.min(40, g.files().size()))) : g);
        }
        Path pkg = Fixtures.randomPackage(tmp.resolve("model"), 0.6, 0.4);
        List<InputCheckSurvey.Result> results;
        try (Analyzer analyzer = Analyzer.load(pkg, AnalyzerOptions.defaults().withArtefacts(EnumSet.of(Artefact.JSON)))) {
            results = InputCheckSurvey.run(analyzer, groups);
        }
        String table = InputCheckSurvey.table(results);
        for (InputCheckSurvey.Result r : results) {
            String name = r.group().name();
            int total = r.group().files().size();
            assertTrue(total > 0, name + " is empty");
            assertEquals(0, r.failed(), name + " had unreadable files\n" + table);
            if (r.group().shouldPass()) {
                assertEquals(0, r.refusedTotal(), "chest radiographs refused:\n" + table);
            } else if (name.endsWith(", DICOM") && !name.startsWith("Dental")) {
                assertEquals(total, r.refused().getOrDefault(InputVerdict.Kind.HEADER, 0), table);
            } else if (name.endsWith("headerless PNG") && !name.startsWith("Dental") && !name.startsWith("MR")) {
                assertEquals(total, r.refused().getOrDefault(InputVerdict.Kind.PICTURE, 0), table);
            }
        }
        InputCheckSurvey.Result synthetic = results.stream().filter(r -> r.group().name().startsWith("Synthetic"))
                .findFirst().orElseThrow();
        for (String must : List.of("blank-gray.png", "blank-black.png", "blank-white.png", "nearly-uniform.png",
                "saturated-white.png", "saturated-black.png", "noise-uniform.png", "noise-gaussian.png", "gradient.png",
                "waves.png")) {
            assertFalse(synthetic.passedNames().contains(must), must + " must be refused by the picture check\n" + table);
        }
    }
}
