package org.pleura.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Operating points against a brute-force search over every possible threshold. */
class OperatingPointsTest {

  /** Candidate thresholds: every distinct score, and one above them all (nothing called positive). */
  private static TreeSet<Double> candidates(ScoredLabels d) {
    TreeSet<Double> t = new TreeSet<>();
    for (int i = 0; i < d.size(); i++) {
      t.add(d.score(i));
    }
    t.add(Double.POSITIVE_INFINITY);
    return t;
  }

  private static double rate(int num, int den) {
    return (double) num / den;
  }

  @Test
  void matchesBruteForceOnRandomSetsWithTies() {
    Random r = new Random(11);
    for (int trial = 0; trial < 300; trial++) {
      int n = 2 + r.nextInt(60);
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      int levels = trial % 3 == 0 ? 5 : 1000;
      for (int i = 0; i < n; i++) {
        y[i] = r.nextDouble() < 0.4;
        s[i] = Math.min(1, Math.max(0, Math.round((r.nextDouble() * 0.7 + (y[i] ? 0.3 : 0)) * levels) / (double) levels));
      }
      ScoredLabels d = new ScoredLabels(s, y);
      double target = new double[] {0.5, 0.8, 0.9, 0.95, 1.0}[trial % 5];

      if (d.positives() > 0) {
        // best specificity among thresholds with sensitivity >= target, and the highest such threshold
        double bestSpec = -1;
        ConfusionCounts bestCounts = null;
        for (double t : candidates(d).descendingSet()) {
          ConfusionCounts c = ConfusionCounts.at(d, t);
          if (rate(c.truePositives(), d.positives()) >= target - 1e-12) {
            double spec = d.negatives() == 0 ? 1 : rate(c.trueNegatives(), d.negatives());
            if (spec > bestSpec) {
              bestSpec = spec;
              bestCounts = c;
            }
          }
        }
        ThresholdChoice c = OperatingPoints.forSensitivity(d, target).orElseThrow();
        assertEquals(bestCounts, c.counts(), "trial " + trial + " sensitivity target " + target);
        assertEquals(c.counts(), ConfusionCounts.at(d, c.threshold()), "the threshold reproduces the counts");
        assertTrue(c.sensitivity() >= target - 1e-12);
      } else {
        assertTrue(OperatingPoints.forSensitivity(d, target).isEmpty());
      }

      if (d.negatives() > 0) {
        double bestSens = -1;
        ConfusionCounts bestCounts = null;
        for (double t : candidates(d)) { // ascending: the lowest threshold wins ties
          ConfusionCounts c = ConfusionCounts.at(d, t);
          if (rate(c.trueNegatives(), d.negatives()) >= target - 1e-12) {
            double sens = d.positives() == 0 ? 0 : rate(c.truePositives(), d.positives());
            if (sens > bestSens) {
              bestSens = sens;
              bestCounts = c;
            }
          }
        }
        ThresholdChoice c = OperatingPoints.forSpecificity(d, target).orElseThrow();
        assertEquals(bestCounts, c.counts(), "trial " + trial + " specificity target " + target);
        assertEquals(c.counts(), ConfusionCounts.at(d, c.threshold()));
        assertTrue(c.specificity() >= target - 1e-12);
      } else {
        assertTrue(OperatingPoints.forSpecificity(d, target).isEmpty());
      }
    }
  }

  @Test
  void handCheckedExample() {
    // scores of 10 positives 0.1..1.0 and 10 negatives 0.05..0.95
    double[] s = new double[20];
    boolean[] y = new boolean[20];
    for (int i = 0; i < 10; i++) {
      s[i] = (i + 1) / 10.0;
      y[i] = true;
      s[10 + i] = (i + 0.5) / 10.0;
    }
    ScoredLabels d = new ScoredLabels(s, y);
    ThresholdChoice sens = OperatingPoints.forSensitivity(d, 0.9).orElseThrow();
    // 9 of 10 positives need score >= 0.2; the gap below 0.2 is (0.15, 0.2), midpoint 0.175
    assertEquals(0.175, sens.threshold(), 1e-12);
    assertEquals(0.9, sens.sensitivity(), 1e-12);
    assertEquals(0.2, sens.specificity(), 1e-12, "negatives 0.05 and 0.15 are below");
    ThresholdChoice spec = OperatingPoints.forSpecificity(d, 0.9).orElseThrow();
    // 9 of 10 negatives below: threshold in (0.85, 0.9], midpoint 0.875; positives 0.9 and 1.0 above
    assertEquals(0.875, spec.threshold(), 1e-12);
    assertEquals(0.9, spec.specificity(), 1e-12);
    assertEquals(0.2, spec.sensitivity(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> OperatingPoints.forSensitivity(d, 0));
  }

  @Test
  void ratesAndWilsonIntervals() {
    ConfusionCounts c = new ConfusionCounts(8, 3, 27, 2);
    assertEquals(0.8, c.sensitivity().estimate().getAsDouble(), 1e-15);
    assertEquals(0.9, c.specificity().estimate().getAsDouble(), 1e-15);
    assertEquals(8 / 11.0, c.ppv().estimate().getAsDouble(), 1e-15);
    assertEquals(27 / 29.0, c.npv().estimate().getAsDouble(), 1e-15);
    // Wilson 95 % for 8/10: (0.4902, 0.9433) as in standard tables
    Interval w = c.sensitivity().wilson95().orElseThrow();
    assertEquals(0.4902, w.lower(), 1e-4);
    assertEquals(0.9433, w.upper(), 1e-4);
    Interval zero = new Proportion(0, 10).wilson95().orElseThrow();
    assertEquals(0.0, zero.lower(), 1e-12);
    assertEquals(0.2775, zero.upper(), 1e-4);
    assertTrue(new Proportion(0, 0).estimate().isEmpty());
    assertTrue(new Proportion(0, 0).wilson95().isEmpty());
  }
}
