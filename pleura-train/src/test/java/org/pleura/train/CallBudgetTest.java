package org.pleura.train;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pleura.model.catalogue.Urgency;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.train.eval.BootstrapSettings;
import org.pleura.train.eval.ScoredLabels;

class CallBudgetTest {

    /** Validation scores of one finding: 300 negatives (the first 200 of them normal studies), some positives. */
    private static CallBudget.Output output(String id, Urgency u, double separation, int positives, Random r) {
        int n = 300 + positives;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = i >= 300;
            s[i] = 1 / (1 + Math.exp(-((y[i] ? separation : 0) - 2 + r.nextGaussian())));
        }
        double[] normals = new double[200];
        System.arraycopy(s, 0, normals, 0, 200);
        return new CallBudget.Output(id, u, new ScoredLabels(s, y), normals);
    }

    @Test
    void theBudgetOfCallsPerNormalStudyIsSharedByUrgencyAndKept() {
        Random r = new Random(3);
        List<CallBudget.Output> outs = new ArrayList<>();
        outs.add(output("pneumothorax", Urgency.URGENT, 3, 60, r));
        outs.add(output("nodule", Urgency.FOLLOW_UP, 2.5, 60, r));
        outs.add(output("atelectasis", Urgency.ROUTINE, 2.5, 60, r));
        outs.add(output("abnormal", null, 3, 60, r));
        CallBudget budget = new CallBudget(0.10, 0.30, 0.60);
        CallBudget.Choice c = budget.choose(outs, 200, 0.9, 0.9, new BootstrapSettings(300, 1, true));
        double pos = 0;
        double any = 0;
        for (String id : List.of("pneumothorax", "nodule", "atelectasis")) {
            FindingThresholds t = c.thresholds().get(id);
            assertTrue(t.validated(), id);
            assertTrue(t.doubtful().threshold() <= t.positive().threshold(), id);
            any += c.normalRates().get(id)[0];
            pos += c.normalRates().get(id)[1];
        }
        assertTrue(pos <= 0.10 + 1e-9, "positive calls per normal study " + pos);
        assertTrue(any <= 0.30 + 1e-9, "calls per normal study " + any);
        assertTrue(c.normalRates().get("pneumothorax")[0] > c.normalRates().get("atelectasis")[0],
                "an urgent finding gets a larger share than a routine one");
        var burden = CallBudget.normalStudyBurden(c, outs, 200);
        assertTrue(burden.get("calls_per_study") <= 0.30 + 1e-9, burden.toString());
        assertTrue(burden.get("share_with_any_call") <= burden.get("calls_per_study") + 1e-9);
    }

    @Test
    void aFindingWithWeakValidationEvidenceIsNotCalledAndLeavesItsShareToTheOthers() {
        Random r = new Random(4);
        List<CallBudget.Output> outs = List.of(output("effusion", Urgency.URGENT, 3, 60, r),
                output("nodule", Urgency.FOLLOW_UP, 0.1, 15, r), output("abnormal", null, 3, 60, r));
        CallBudget.Choice c = new CallBudget(0.10, 0.30, 0.60).choose(outs, 200, 0.9, 0.9,
                new BootstrapSettings(300, 1, true));
        FindingThresholds nodule = c.thresholds().get("nodule");
        assertFalse(nodule.validated());
        assertTrue(nodule.notValidated().contains("lower bound under 0.60"), nodule.notValidated());
        assertEquals(List.of("nodule"), CallBudget.notValidated(c));
        assertEquals(0.10, c.normalRates().get("effusion")[1], 0.011, "effusion takes the whole positive budget");
    }

    @Test
    void withFewNormalStudiesTheTargetRatesApply() {
        Random r = new Random(5);
        CallBudget.Output o = output("effusion", Urgency.URGENT, 3, 60, r);
        CallBudget.Choice c = CallBudget.readingRoom().choose(List.of(o), 10, 0.9, 0.9, new BootstrapSettings(100, 1, true));
        assertTrue(c.method().contains("fewer than 20"), c.method());
        assertTrue(c.thresholds().get("effusion").doubtful().sensitivity() >= 0.9 - 1e-9);
    }

    @Test
    void tailThresholdsAreEmpiricalWithEnoughScoresAndNeverLowerThanTheFittedTail() {
        double[] scores = new double[100];
        for (int i = 0; i < 100; i++) {
            scores[i] = (i + 0.5) / 100;
        }
        double t = CallBudget.tailThreshold(scores, 0.10);
        assertEquals(0.10, CallBudget.rate(scores, t), 1e-12, "10 of 100 at or above");
        double strict = CallBudget.tailThreshold(scores, 0.01);
        assertTrue(CallBudget.rate(scores, strict) <= 0.01);
        assertEquals(0.975, CallBudget.normalCdf(1.959964), 1e-6);
        assertEquals(1.644854, CallBudget.normalQuantile(0.95), 1e-5);
    }
}
