package org.pleura.model.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pleura.model.Call;
import org.pleura.model.DetectionResult;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.pkg.FindingThresholds;

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

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
