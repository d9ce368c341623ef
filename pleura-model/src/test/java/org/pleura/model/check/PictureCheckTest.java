package org.pleura.model.check;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pleura.image.GrayImage;
import org.pleura.model.TestPackages;

class PictureCheckTest {

    private final PictureCheck check = new PictureCheck();

    private static GrayImage filled(int w, int h, java.util.function.IntToDoubleFunction value) {
        float[] px = new float[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) value.applyAsDouble(i);
        }
        return new GrayImage(w, h, px);
    }

    private String refusal(GrayImage g) {
        InputVerdict v = check.check(g);
        assertTrue(v instanceof InputVerdict.Refused, "should be refused: " + PictureStatistics.of(g));
        assertEquals(InputVerdict.Kind.PICTURE, ((InputVerdict.Refused) v).kind());
        return ((InputVerdict.Refused) v).reason();
    }

    @Test
    void blankSaturatedNoiseSmallAndOddShapesAreRefused() {
        assertTrue(refusal(filled(512, 512, i -> 0.5)).contains("blank"));
        assertTrue(refusal(filled(512, 512, i -> 0.0)).contains("blank"));
        Random r = new Random(3);
        assertTrue(refusal(filled(512, 512, i -> r.nextDouble())).contains("smooth"));
        assertTrue(refusal(filled(300, 333, i -> r.nextDouble())).contains("smooth"), "noise resampled to the check's size");
        // mostly white with a gradient strip: saturated
        assertTrue(refusal(filled(512, 512, i -> (i % 512) < 200 ? (i % 512) / 200.0 : 1.0)).contains("white"));
        assertTrue(refusal(filled(512, 512, i -> (i % 512) < 200 ? (i % 512) / 200.0 : 0.0)).contains("black"));
        assertTrue(refusal(filled(120, 120, i -> (i % 120) / 120.0)).contains("too small"));
        assertTrue(refusal(filled(1024, 256, i -> (i % 1024) / 1024.0)).contains("shape"));
        assertTrue(refusal(filled(600, 600, i -> 0.1 + 0.8 * (i % 600) / 600.0)).contains("fine structure"));
    }

    @Test
    void nihChestRadiographsPass() throws Exception {
        assumeTrue(TestPackages.nihImages() != null, "NIH data absent (set -Dpleura.shared): skipping");
        List<GrayImage> images = TestPackages.nihSamples(40);
        for (GrayImage g : images) {
            InputVerdict v = check.check(g);
            assertFalse(v.refused(), v + " " + PictureStatistics.of(g));
        }
    }

    @Test
    void smoothGradientIsSmoothAndNoiseIsNot() {
        assertTrue(PictureStatistics.of(filled(300, 300, i -> (i % 300) / 300.0)).smoothness() > 0.99);
        Random r = new Random(5);
        assertTrue(Math.abs(PictureStatistics.of(filled(256, 256, i -> r.nextDouble())).smoothness()) < 0.1);
    }
}
