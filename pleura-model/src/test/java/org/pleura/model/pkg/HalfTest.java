package org.pleura.model.pkg;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfTest {

    @Test
    void knownValuesAndSpecials() {
        assertEquals((short) 0x3c00, Half.fromFloat(1f));
        assertEquals((short) 0xc000, Half.fromFloat(-2f));
        assertEquals((short) 0x7bff, Half.fromFloat(65504f));
        assertEquals((short) 0x7c00, Half.fromFloat(1e6f));
        assertEquals(1f, Half.toFloat((short) 0x3c00));
        assertEquals(5.9604645e-8f, Half.toFloat((short) 0x0001));
        assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(Float.NaN))));
        assertEquals(0f, Half.toFloat(Half.fromFloat(1e-9f)));
    }

    @Test
    void roundTripErrorIsBelowHalfPrecision() {
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            float v = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(6) - 4));
            float back = Half.toFloat(Half.fromFloat(v));
            if (Math.abs(v) > 6.2e-5f) {
                assertEquals(v, back, Math.abs(v) * 4.9e-4f, "value " + v);
            } else {
                assertEquals(v, back, 3e-8f, "subnormal " + v);
            }
        }
    }
}
