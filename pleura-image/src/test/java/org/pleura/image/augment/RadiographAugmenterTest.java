package org.pleura.image.augment;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pleura.image.GrayImage;

class RadiographAugmenterTest {

    /** 64x64 black image with a white 8x8 square whose top-left corner is at (40, 10): right upper corner. */
    private static GrayImage square() {
        float[] px = new float[64 * 64];
        for (int y = 10; y < 18; y++) {
            for (int x = 40; x < 48; x++) {
                px[y * 64 + x] = 1f;
            }
        }
        return new GrayImage(64, 64, px);
    }

    private static double[] centroid(GrayImage g) {
        double sx = 0;
        double sy = 0;
        double sum = 0;
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                double v = g.get(x, y) > 0.5 ? 1 : 0; // the bright square only, not the (shifted) background
                sx += v * x;
                sy += v * y;
                sum += v;
            }
        }
        return new double[] {sx / sum, sy / sum};
    }

    @Test
    void noneIsIdentity() {
        GrayImage g = square();
        assertArrayEquals(g.pixels(), new RadiographAugmenter(AugmentationSettings.none()).apply(g, new Random(1)).pixels());
    }

    @Test
    void defaultsMoveContentOnlySlightlyAndNeverMirrorIt() {
        RadiographAugmenter aug = new RadiographAugmenter(AugmentationSettings.radiographDefaults());
        GrayImage g = square();
        double[] c0 = centroid(g);
        boolean changed = false;
        for (int seed = 0; seed < 50; seed++) {
            GrayImage a = aug.apply(g, new Random(seed));
            assertEquals(64, a.width());
            for (float v : a.pixels()) {
                assertTrue(v >= 0 && v <= 1);
            }
            double[] c = centroid(a);
            // rotation 7 deg, scale 10 %, shift 6 %: the square stays in the right upper quadrant, within ~9 px
            assertTrue(Math.hypot(c[0] - c0[0], c[1] - c0[1]) < 10, "seed " + seed + " moved to " + c[0] + "," + c[1]);
            assertTrue(c[0] > 32, "content must never cross to the other side (no flip)");
            changed |= Math.abs(c[0] - c0[0]) > 0.5;
        }
        assertTrue(changed, "augmentation must actually move content");
    }

    @Test
    void sameSeedSameResult() {
        RadiographAugmenter aug = new RadiographAugmenter(AugmentationSettings.radiographDefaults());
        assertArrayEquals(aug.apply(square(), new Random(9)).pixels(), aug.apply(square(), new Random(9)).pixels());
    }

    @Test
    void flipWhenAskedMirrorsTheContent() {
        AugmentationSettings flipOnly = new AugmentationSettings(0, 1, 1, 0, 1, 0, 0, true);
        RadiographAugmenter aug = new RadiographAugmenter(flipOnly);
        boolean flipped = false;
        for (int seed = 0; seed < 10; seed++) {
            flipped |= centroid(aug.apply(square(), new Random(seed)))[0] < 32;
        }
        assertTrue(flipped);
    }
}
