package org.pleura.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GrayImageTest {

    @Test
    void shrinkingByAnIntegerFactorAveragesBlocks() {
        float[] px = new float[16];
        for (int i = 0; i < 16; i++) {
            px[i] = i;
        }
        GrayImage small = new GrayImage(4, 4, px).resize(2, 2);
        assertEquals((0 + 1 + 4 + 5) / 4f, small.get(0, 0), 1e-5);
        assertEquals((2 + 3 + 6 + 7) / 4f, small.get(1, 0), 1e-5);
        assertEquals((10 + 11 + 14 + 15) / 4f, small.get(1, 1), 1e-5);
    }

    @Test
    void shrinkingPreservesTheMeanForAnyFactor() {
        Random rnd = new Random(7);
        float[] px = new float[517 * 389];
        double sum = 0;
        for (int i = 0; i < px.length; i++) {
            px[i] = rnd.nextFloat();
            sum += px[i];
        }
        GrayImage out = new GrayImage(517, 389, px).resize(224, 224);
        double outSum = 0;
        for (float v : out.pixels()) {
            outSum += v;
        }
        assertEquals(sum / px.length, outSum / out.pixels().length, 1e-3);
    }

    @Test
    void enlargingInterpolatesBetweenPixelCentres() {
        GrayImage two = new GrayImage(2, 1, new float[] {0f, 1f});
        GrayImage four = two.resize(4, 1);
        // centres of outputs map to -0.25, 0.25, 0.75, 1.25 in input pixel coordinates
        assertEquals(0f, four.get(0, 0), 1e-6);
        assertEquals(0.25f, four.get(1, 0), 1e-6);
        assertEquals(0.75f, four.get(2, 0), 1e-6);
        assertEquals(1f, four.get(3, 0), 1e-6);
    }

    @Test
    void constantImagesStayConstant() {
        float[] px = new float[300 * 200];
        java.util.Arrays.fill(px, 0.3f);
        for (int[] size : new int[][] {{64, 64}, {301, 199}, {600, 50}}) {
            GrayImage out = new GrayImage(300, 200, px).resize(size[0], size[1]);
            for (float v : out.pixels()) {
                assertEquals(0.3f, v, 1e-5);
            }
        }
    }

    @Test
    void badSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GrayImage(2, 2, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new GrayImage(2, 2, new float[4]).resize(0, 3));
    }

    @Test
    void roundTripThroughAnEightBitPicture() {
        GrayImage g = new GrayImage(3, 1, new float[] {0f, 0.5f, 1f});
        GrayImage back = GrayImage.of(g.toBufferedImage());
        assertEquals(0f, back.get(0, 0), 1e-6);
        assertEquals(128 / 255f, back.get(1, 0), 1e-6);
        assertEquals(1f, back.get(2, 0), 1e-6);
    }
}
