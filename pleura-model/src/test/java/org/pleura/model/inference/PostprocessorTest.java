package org.pleura.model.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pleura.model.result.Call;
import org.pleura.model.result.DetectionResult;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.RegionPrior;

class PostprocessorTest {

    @Test
    void callsFollowThresholdsAndResultsFollowCatalogueOrder() {
        FindingThresholds t = FindingThresholds.uncalibrated(0.7, 0.3);
        // network order differs from catalogue order on purpose
        List<String> outputs = List.of("effusion", "pneumothorax", "abnormal");
        Postprocessor post = new Postprocessor(FindingCatalogue.chest(), outputs,
                Map.of("effusion", t, "pneumothorax", t, "abnormal", t), BoxExtractor.defaults());
        float[] logits = {(float) logit(0.5), (float) logit(0.9), (float) logit(0.1)};
        float[] cams = new float[3 * 4];
        cams[0] = 1; // effusion hot at top-left
        cams[4 + 3] = 1; // pneumothorax hot at bottom-right
        DetectionResult r = post.interpret(logits, cams, 2, 2, 200, 100);
        assertEquals(List.of("pneumothorax", "effusion"), r.findings().stream().map(f -> f.finding().id()).toList());
        assertEquals(Call.POSITIVE, r.findings().get(0).call());
        assertEquals(Call.DOUBTFUL, r.findings().get(1).call());
        assertEquals(Call.NEGATIVE, r.abnormal().call());
        assertEquals(0.9, r.findings().get(0).score(), 1e-6);
        assertTrue(r.findings().get(0).regions().get(0).contains(150, 75));
        assertTrue(r.findings().get(1).regions().get(0).contains(50, 25));
        assertTrue(r.abnormal().regions().isEmpty());
        assertEquals(3, r.heatMaps().size());
    }

    @Test
    void thresholdIsInclusive() {
        FindingThresholds t = FindingThresholds.uncalibrated(0.7, 0.3);
        assertEquals(Call.POSITIVE, Postprocessor.call(0.7, t));
        assertEquals(Call.DOUBTFUL, Postprocessor.call(0.3, t));
        assertEquals(Call.NEGATIVE, Postprocessor.call(0.2999, t));
        assertEquals(1.0, Postprocessor.sigmoid(800), 0);
        assertEquals(0.0, Postprocessor.sigmoid(-800), 1e-300);
    }

    @Test
    void aFindingNotValidatedForCallsKeepsItsScoreAndMapButIsNeitherCalledNorBoxed() {
        FindingThresholds t = FindingThresholds.uncalibrated(0.7, 0.3);
        FindingThresholds weak = t.withoutCalls("validation AUROC lower bound 0.52 under 0.60");
        Postprocessor post = new Postprocessor(FindingCatalogue.chest(), List.of("nodule", "abnormal"),
                Map.of("nodule", weak, "abnormal", t), BoxExtractor.defaults());
        float[] cams = new float[2 * 4];
        cams[0] = 1;
        DetectionResult r = post.interpret(new float[] {(float) logit(0.95), (float) logit(0.9)}, cams, 2, 2, 100, 100);
        assertEquals(Call.NOT_VALIDATED, r.findings().get(0).call());
        assertFalse(Call.NOT_VALIDATED.flags());
        assertEquals(0.95, r.findings().get(0).score(), 1e-6);
        assertTrue(r.findings().get(0).regions().isEmpty(), "nothing is drawn for a finding that is not called");
        assertNotNull(r.heatMaps().get("nodule"));
        assertEquals("not_validated", Call.NOT_VALIDATED.jsonName());
    }

    @Test
    void theRegionPriorKeepsBoxesWhereTrainingFindingsWere() {
        FindingThresholds t = FindingThresholds.uncalibrated(0.7, 0.3);
        // allowed: the upper 3 of 4 rows (a chest model's thorax); the map is hottest in the bottom row (the abdomen)
        RegionPrior thorax = new RegionPrior(4, 4, List.of("1111", "1111", "1111", "0000"));
        Postprocessor post = new Postprocessor(FindingCatalogue.chest(), List.of("effusion", "abnormal"),
                Map.of("effusion", t, "abnormal", t), BoxExtractor.defaults(), thorax);
        float[] cams = new float[2 * 16];
        cams[12] = 5; // bottom-left, outside the prior
        cams[4] = 2;  // second row, inside
        DetectionResult r = post.interpret(new float[] {(float) logit(0.9), (float) logit(0.9)}, cams, 4, 4, 400, 400);
        var regions = r.findings().get(0).regions();
        assertFalse(regions.isEmpty());
        for (var g : regions) {
            assertTrue(g.y() + g.h() <= 300 + 1e-6, "no box in the bottom quarter: " + g);
        }
        double[] peak = r.heatMaps().get("effusion").peak();
        assertTrue(peak[1] < 300, "the map's peak moved inside the prior: " + peak[1]);
    }

    @Test
    void aRegionPriorFromBoxesCoversThemAndTheirMargin() {
        RegionPrior p = RegionPrior.fromBoxes(List.of(new double[] {0.25, 0.25, 0.25, 0.25}), 8, 1);
        assertTrue(p.allows(0.3, 0.3));
        assertTrue(p.allows(0.15, 0.15), "one cell of margin");
        assertFalse(p.allows(0.05, 0.05));
        assertFalse(p.allows(0.9, 0.9));
        assertEquals(16 / 64.0, p.allowedFraction(), 1e-9, "2x2 covered cells grown by one: 4x4 of 8x8");
        assertThrows(IllegalArgumentException.class, () -> new RegionPrior(2, 1, List.of("12")));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
