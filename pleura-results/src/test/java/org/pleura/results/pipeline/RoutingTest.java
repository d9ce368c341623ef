package org.pleura.results.pipeline;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.model.check.InputVerdict;
import org.pleura.results.Fixtures;

/**
 * Several models on one platform: each image of the shared DICOM corpus goes to the model whose input rules accept
 * its header (a chest radiograph to the chest model, a CR extremity to the fracture model), and an image no model
 * reads (CT) is refused with each model's reason.
 */
class RoutingTest {

    @TempDir
    Path tmp;

    private Analyzer twoModels() throws Exception {
        Path chest = Fixtures.randomPackage(tmp.resolve("chest"), 0.6, 0.4);
        Path fracture = Fixtures.randomFracturePackage(tmp.resolve("fracture"), 0.6, 0.4);
        return Analyzer.load(List.of(chest, fracture), AnalyzerOptions.defaults());
    }

    @Test
    void eachImageGoesToTheModelWhoseRulesAcceptItsHeader() throws Exception {
        Path chestFile = Fixtures.dicom("derived_transcodes/CRchest440_MONO1_explicitLE.dcm");
        Path extremity = Fixtures.dicom("real_original/pydicom-data/RG3_J2KR.dcm");
        Path ct = Fixtures.dicom("real_original/pydicom-data/693_J2KR.dcm");
        assumeTrue(Files.isRegularFile(extremity) && Files.isRegularFile(ct), "skipped: the DICOM corpus is absent");
        try (Analyzer analyzer = twoModels()) {
            assertEquals(List.of("test-chest", "test-fracture"), analyzer.models().stream().map(m -> m.id()).toList());

            AnalysisOutcome chest = analyzer.analyze(chestFile);
            AnalysisOutcome.Analyzed a = assertInstanceOf(AnalysisOutcome.Analyzed.class, chest, chest.toString());
            assertEquals(List.of("test-chest"), a.readings().stream().map(r -> r.analysis().model().id()).toList());
            assertTrue(a.artefacts().sr().isPresent(), "a DICOM chest gets its SR");

            AnalysisOutcome limb = analyzer.analyze(extremity);
            AnalysisOutcome.Analyzed b = assertInstanceOf(AnalysisOutcome.Analyzed.class, limb, limb.toString());
            assertEquals(List.of("test-fracture"), b.readings().stream().map(r -> r.analysis().model().id()).toList());
            assertEquals("fracture", b.analysis().results().get(0).finding().id());
            String json = new String(b.artefacts().json(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(json.contains("\"test-fracture\""), "the JSON names the model that read it");

            AnalysisOutcome notRead = analyzer.analyze(ct);
            AnalysisOutcome.Refused r = assertInstanceOf(AnalysisOutcome.Refused.class, notRead, notRead.toString());
            assertEquals(InputVerdict.Kind.HEADER, r.kind());
            assertTrue(r.reason().contains("test-chest: ") && r.reason().contains("test-fracture: "),
                    "each model's reason: " + r.reason());
            assertTrue(r.reason().contains("CT image"), r.reason());
        }
    }

    @Test
    void theChestModelRefusesAnExtremityAlone() throws Exception {
        Path extremity = Fixtures.dicom("real_original/pydicom-data/RG3_J2KI.dcm");
        assumeTrue(Files.isRegularFile(extremity), "skipped: the DICOM corpus is absent");
        try (Analyzer chestOnly = Analyzer.load(Fixtures.randomPackage(tmp.resolve("c"), 0.6, 0.4),
                AnalyzerOptions.defaults())) {
            AnalysisOutcome o = chestOnly.analyze(extremity);
            AnalysisOutcome.Refused r = assertInstanceOf(AnalysisOutcome.Refused.class, o, o.toString());
            assertTrue(r.reason().contains("Body Part Examined EXTREMITY"), r.reason());
            assertTrue(r.reason().contains("frontal chest radiographs"), r.reason());
        }
    }

    @Test
    void withoutAHeaderTheReadingOfTheMostTypicalModelIsKept() {
        var a = new Reading(Fixtures.analysis("a", 10, 10), Artefacts.jsonOnly(new byte[0]));
        var b = new Reading(Fixtures.analysis("b", 10, 10), Artefacts.jsonOnly(new byte[0]));
        assertEquals(List.of(b), Analyzer.mostTypical(List.of(a, b), List.of(0.9, 0.4)));
        assertEquals(List.of(a, b), Analyzer.mostTypical(List.of(a, b), List.of(0.9, Double.NaN)),
                "a model that cannot tell keeps every reading");
    }
}
