package org.pleura.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CalibrationTest {

  @Test
  void eceOnAHandCheckedCase() {
    // bin [0.0,0.1): 0.05, 0.05 (0 positive)      -> mean 0.05, rate 0,   gap 0.05, weight 2/8
    // bin [0.2,0.3): 0.25 (positive)               -> mean 0.25, rate 1,   gap 0.75, weight 1/8
    // bin [0.9,1.0]: 0.95, 0.95, 0.95, 1.0, 0.92 (4 positive)
    //                                              -> mean 0.954, rate 0.8, gap 0.154, weight 5/8
    double[] s = {0.05, 0.05, 0.25, 0.95, 0.95, 0.95, 1.0, 0.92};
    boolean[] y = {false, false, true, true, true, true, false, true};
    Calibration c = Calibration.of(new ScoredLabels(s, y));
    double expected = 2 / 8.0 * 0.05 + 1 / 8.0 * 0.75 + 5 / 8.0 * 0.154;
    assertEquals(expected, c.ece(), 1e-12);
    assertEquals(10, c.bins().size());
    assertEquals(2, c.bins().get(0).count());
    assertEquals(0, c.bins().get(1).count());
    assertTrue(c.bins().get(1).meanScore().isEmpty());
    assertEquals(5, c.bins().get(9).count(), "1.0 falls in the last, closed bin");
    assertEquals(0.954, c.bins().get(9).meanScore().getAsDouble(), 1e-12);
    assertEquals(0.8, c.bins().get(9).observedRate().getAsDouble(), 1e-12);
    assertEquals(0.9, c.bins().get(9).lower(), 1e-12);
  }

  @Test
  void eceIsTheGapBetweenMeanScoreAndObservedRate() {
    double[] s = {0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35, 0.35};
    boolean[] y = new boolean[10];
    // one bin: observed rate 0.4 vs mean score 0.35 -> ECE 0.05
    y[0] = y[1] = y[2] = y[3] = true;
    assertEquals(0.05, Calibration.of(new ScoredLabels(s, y)).ece(), 1e-12);
    double[] half = {0.5, 0.5};
    assertEquals(0.0, Calibration.of(new ScoredLabels(half, new boolean[] {true, false})).ece(), 1e-15);
  }

  @Test
  void scoresOutsideTheUnitIntervalAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Calibration.of(new ScoredLabels(new double[] {1.2}, new boolean[] {true})));
  }
}
