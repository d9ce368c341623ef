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

    @Test
    void acquisitionChangesKeepValuesInRangeAndAreReproducible() {
        RadiographAugmenter aug = new RadiographAugmenter(AugmentationSettings.none(), AcquisitionSettings.acrossSites());
        GrayImage g = square();
        int changed = 0;
        for (int seed = 0; seed < 40; seed++) {
            float[] a = aug.apply(g.pixels(), 64, 64, new Random(seed));
            assertArrayEquals(a, aug.apply(g.pixels(), 64, 64, new Random(seed)), "seed " + seed);
            for (float v : a) {
                assertTrue(v >= 0 && v <= 1);
            }
            changed += java.util.Arrays.equals(a, g.pixels()) ? 0 : 1;
        }
        assertEquals(40, changed, "noise alone changes every image");
    }

    @Test
    void blurSoftensAnEdgeAndSharpeningSteepensIt() {
        float[] edge = new float[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                edge[y * 64 + x] = x < 32 ? 0.3f : 0.7f;
            }
        }
        RadiographAugmenter.Draw blur = draw(-1.5, 1, 0, 0);
        RadiographAugmenter.Draw sharpen = draw(1.0, 1, 0, 0);
        float[] b = blur.apply(edge);
        float[] s = sharpen.apply(edge);
        assertTrue(b[10 * 64 + 31] > 0.3f && b[10 * 64 + 32] < 0.7f, "blur mixes both sides of the edge");
        assertTrue(s[10 * 64 + 31] < 0.3f && s[10 * 64 + 32] > 0.7f, "sharpening overshoots on both sides");
        assertEquals(0.3f, b[10 * 64 + 5], 1e-4f, "far from the edge nothing changes");
    }

    @Test
    void redactionBoxesAreBlackAndTheWarpMovesAMaskLikeTheImage() {
        RadiographAugmenter.Draw d = new RadiographAugmenter.Draw(64, 64, Math.toRadians(5), 1.05, 3, -2, false, 1,
                1, 0, 0, 1, 0, 0, 0, new int[] {2, 2, 5, 4}, 1);
        float[] img = square().pixels();
        float[] out = d.apply(img);
        for (int y = 2; y < 6; y++) {
            for (int x = 2; x < 7; x++) {
                assertEquals(0f, out[y * 64 + x]);
            }
        }
        float[] mask = d.warp(img);
        for (int i = 0; i < mask.length; i++) {
            int x = i % 64;
            int y = i / 64;
            if (!(x >= 2 && x < 7 && y >= 2 && y < 6)) {
                assertEquals(out[i], mask[i], 1e-6f, "the mask follows the image's geometry at " + x + "," + y);
            }
        }
    }

    @Test
    void jpegAndResamplingLoseDetailButKeepTheMeanLevel() {
        float[] px = new float[64 * 64];
        Random r = new Random(3);
        for (int i = 0; i < px.length; i++) {
            px[i] = 0.5f + (float) (r.nextGaussian() * 0.1);
        }
        for (RadiographAugmenter.Draw d : new RadiographAugmenter.Draw[] {draw(0, 0.5, 0, 0), draw(0, 1, 30, 0)}) {
            float[] out = d.apply(px);
            double mean = 0;
            double diff = 0;
            for (int i = 0; i < px.length; i++) {
                mean += out[i];
                diff += Math.abs(out[i] - px[i]);
            }
            assertEquals(0.5, mean / px.length, 0.02);
            assertTrue(diff / px.length > 0.01, "detail is lost");
        }
    }

    private static RadiographAugmenter.Draw draw(double blurOrSharpen, double resample, int jpeg, double curve) {
        return new RadiographAugmenter.Draw(64, 64, 0, 1, 0, 0, false, 1, 1, 0, blurOrSharpen, resample, jpeg, curve, 0,
                new int[0], 1);
    }
}
