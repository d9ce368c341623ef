package org.pleura.train.optim;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class BoxAttentionLossTest {

    /** A 2x2 map of one image and one output, and a box covering the top-left cell. */
    private static double loss(float[] cam, float[] inside, float weight) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray c = m.create(cam, new Shape(1, 1, 2, 2));
            NDArray in = m.create(inside, new Shape(1, 1, 4));
            NDArray w = m.create(new float[] {weight}, new Shape(1, 1));
            return BoxAttentionLoss.evaluate(c, in, w).getFloat();
        }
    }

    @Test
    void isMinusLogOfTheSoftmaxShareInsideTheBox() {
        float[] cam = {2, 0, 0, -1};
        double z = Math.exp(2) + 1 + 1 + Math.exp(-1);
        double expected = -Math.log(Math.exp(2) / z + 1e-4);
        assertEquals(expected, loss(cam, new float[] {1, 0, 0, 0}, 1), 1e-5);
        double partial = -Math.log((Math.exp(2) + 0.5) / z + 1e-4);
        assertEquals(partial, loss(cam, new float[] {1, 0.5f, 0, 0}, 1), 1e-5, "partly covered cells count in part");
    }

    @Test
    void aMapPeakingInsideTheBoxCostsLessThanOnePeakingOutside() {
        float[] box = {1, 0, 0, 0};
        assertTrue(loss(new float[] {4, 0, 0, 0}, box, 1) < loss(new float[] {0, 0, 0, 4}, box, 1));
    }

    @Test
    void unsupervisedMapsCostNothing() {
        assertEquals(0, loss(new float[] {0, 0, 0, 4}, new float[] {1, 0, 0, 0}, 0), 1e-9);
    }
}
