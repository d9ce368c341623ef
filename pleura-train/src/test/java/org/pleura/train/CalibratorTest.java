package org.pleura.train;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.train.eval.ScoredLabels;

class CalibratorTest {

    @Test
    void operatingPointsOnKnownScores() {
        double[] scores = {0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1};
        boolean[] pos = {true, true, false, true, true, false, false, true, false, false};
        FindingThresholds t = Calibrator.thresholds(new ScoredLabels(scores, pos), 0.9, 0.9).orElseThrow();
        // every positive needs to be called for sensitivity >= 0.9 (5 positives): threshold between 0.3 and 0.2
        assertEquals(0.25, t.doubtful().threshold(), 1e-12);
        assertEquals(1.0, t.doubtful().sensitivity(), 1e-12);
        assertEquals(0.4, t.doubtful().specificity(), 1e-12);
        // no false positive allowed for specificity >= 0.9 (5 negatives): threshold between 0.9 and 0.8
        assertEquals(0.85, t.positive().threshold(), 1e-12);
        assertEquals(0.4, t.positive().sensitivity(), 1e-12);
        assertEquals(1.0, t.positive().specificity(), 1e-12);
    }

    @Test
    void doubtfulAbovePositiveCollapsesToPositive() {
        ScoredLabels perfect = new ScoredLabels(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {true, true, false, false});
        FindingThresholds t = Calibrator.thresholds(perfect, 0.5, 0.5).orElseThrow();
        assertEquals(0.15, t.positive().threshold(), 1e-12);
        assertEquals(t.positive(), t.doubtful());
    }

    @Test
    void noPositivesNoThresholds() {
        assertTrue(Calibrator.thresholds(new ScoredLabels(new double[] {0.3, 0.4}, new boolean[] {false, false}), 0.9, 0.9).isEmpty());
    }
}
