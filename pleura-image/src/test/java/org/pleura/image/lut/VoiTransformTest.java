package org.pleura.image.lut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The VOI formulas of PS3.3 C.11.2.1.2, checked at the points the standard defines. */
class VoiTransformTest {

    @Test
    void linearWindowFollowsTheStandardFormula() {
        // c=2048, w=4096: x <= c-0.5-(w-1)/2 = 0 gives 0; x > c-0.5+(w-1)/2 = 4095 gives 1
        var w = new VoiTransform.Window(2048, 4096);
        assertEquals(0.0, w.apply(0), 1e-12);
        assertEquals(0.0, w.apply(-10), 1e-12);
        assertEquals(1.0, w.apply(4095.5), 1e-12);
        assertEquals(((2047.5 - 2047.5) / 4095.0) + 0.5, w.apply(2047.5), 1e-12);
        assertEquals(((1000 - 2047.5) / 4095.0) + 0.5, w.apply(1000), 1e-12);
    }

    @Test
    void linearWindowOfWidthOneIsAThreshold() {
        var w = new VoiTransform.Window(100, 1);
        assertEquals(0.0, w.apply(99.5), 1e-12);
        assertEquals(1.0, w.apply(99.6), 1e-12);
    }

    @Test
    void linearExactAndSigmoid() {
        var exact = new VoiTransform.Window(40, 400, VoiTransform.Function.LINEAR_EXACT, "");
        assertEquals(0.0, exact.apply(-160), 1e-12);
        assertEquals(0.5, exact.apply(40), 1e-12);
        assertEquals(0.75, exact.apply(140), 1e-12);
        var sig = new VoiTransform.Window(40, 400, VoiTransform.Function.SIGMOID, "");
        assertEquals(0.5, sig.apply(40), 1e-12);
        assertEquals(1 / (1 + Math.exp(-4.0 * 100 / 400)), sig.apply(140), 1e-12);
    }

    @Test
    void functionKeywordParsing() {
        assertEquals(VoiTransform.Function.SIGMOID, VoiTransform.Function.parse("SIGMOID "));
        assertEquals(VoiTransform.Function.LINEAR_EXACT, VoiTransform.Function.parse("linear_exact"));
        assertEquals(VoiTransform.Function.LINEAR, VoiTransform.Function.parse(null));
        assertEquals(VoiTransform.Function.LINEAR, VoiTransform.Function.parse("SOMETHING"));
    }

    @Test
    void zeroWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VoiTransform.Window(0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new VoiTransform.Window(0, 0.5, VoiTransform.Function.LINEAR, ""));
    }

    @Test
    void lookupTablesClampAtBothEnds() {
        var lut = new LookupTable(-2, 8, new int[] {0, 10, 255}, "");
        assertEquals(0, lut.lookup(-100));
        assertEquals(10, lut.lookup(-1));
        assertEquals(255, lut.lookup(0));
        assertEquals(255, lut.lookup(1000));
        var voi = new VoiTransform.Table(lut);
        assertEquals(1.0, voi.apply(5), 1e-12);
        var mod = new ModalityLut.Table(lut);
        assertEquals(10.0, mod.apply(-1), 1e-12);
        assertEquals(-1024.0 + 2 * 7, new ModalityLut.Rescale(2, -1024).apply(7), 1e-12);
    }
}
