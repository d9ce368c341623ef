package org.pleura.train.optim;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class OptimTest {

    @Test
    void maskedBceMatchesTheFormulaAndIgnoresUnknownLabels() {
        float[] logits = {2f, -1f, 0.5f, 3f};
        float[] targets = {1f, 0f, 1f, 0f};
        float[] mask = {1f, 1f, 1f, 0f};
        float[] w = {3f, 1f};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double x = logits[i];
            double pw = w[i % 2];
            expected += targets[i] == 1 ? pw * Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
        }
        expected /= 3;
        try (NDManager m = NDManager.newBaseManager()) {
            float loss = new MaskedBceLoss(w).evaluate(
                    new NDList(m.create(targets, new Shape(2, 2)), m.create(mask, new Shape(2, 2))),
                    new NDList(m.create(logits, new Shape(2, 2)))).getFloat();
            assertEquals(expected, loss, 1e-5);
            // changing the masked-out logit does not change the loss
            logits[3] = -40f;
            float again = new MaskedBceLoss(w).evaluate(
                    new NDList(m.create(targets, new Shape(2, 2)), m.create(mask, new Shape(2, 2))),
                    new NDList(m.create(logits, new Shape(2, 2)))).getFloat();
            assertEquals(loss, again, 1e-6);
        }
    }

    @Test
    void warmUpThenCosine() {
        WarmupCosineSchedule s = new WarmupCosineSchedule(1e-3f, 1e-5f, 10, 110);
        assertEquals(1e-4f, s.getNewValue(1), 1e-9);
        assertEquals(1e-3f, s.getNewValue(10), 1e-9);
        assertEquals((1e-3f + 1e-5f) / 2, s.getNewValue(60), 1e-7);
        assertEquals(1e-5f, s.getNewValue(110), 1e-9);
        assertEquals(1e-5f, s.getNewValue(500), 1e-9);
        assertTrue(s.getNewValue(30) > s.getNewValue(31));
    }

    @Test
    void batchNormAndBiasesAreNotDecayed() {
        assertTrue(ResumableAdamW.decays("backbone_01Conv2d_weight"));
        assertFalse(ResumableAdamW.decays("backbone_02BatchNorm_gamma"));
        assertFalse(ResumableAdamW.decays("head_bias"));
    }
}
