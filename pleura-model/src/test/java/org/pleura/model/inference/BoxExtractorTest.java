package org.pleura.model.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pleura.model.result.HeatMap;
import org.pleura.model.result.Region;

class BoxExtractorTest {

    /** An 8x8 map, cold except a hot 2x2 block at columns 5-6, rows 1-2, over a 1024x768 image. */
    private static HeatMap hotSpot() {
        float[] v = new float[64];
        for (int i = 0; i < v.length; i++) {
            v[i] = -1f;
        }
        v[1 * 8 + 5] = 4f;
        v[1 * 8 + 6] = 4f;
        v[2 * 8 + 5] = 4f;
        v[2 * 8 + 6] = 3f;
        return new HeatMap("effusion", 8, 8, v, 1024, 768);
    }

    @Test
    void boxLandsOnTheHotRegionInSourcePixels() {
        List<Region> boxes = BoxExtractor.defaults().boxes(hotSpot(), 0.8);
        assertEquals(1, boxes.size(), boxes.toString());
        Region r = boxes.get(0);
        // hot cells span x in [640, 896) and y in [96, 288) of the source image
        assertTrue(r.x() >= 560 && r.x() <= 700, "x " + r);
        assertTrue(r.x() + r.w() >= 840 && r.x() + r.w() <= 980, "right " + r);
        assertTrue(r.y() >= 40 && r.y() <= 150, "y " + r);
        assertTrue(r.y() + r.h() >= 230 && r.y() + r.h() <= 340, "bottom " + r);
        assertTrue(r.contains(768, 192), "contains the hot centre " + r);
        assertFalse(r.contains(200, 600));
        assertEquals(0.8, r.score(), 0.01, "peak is near the map max, so the score is about the finding score");
    }

    @Test
    void twoSeparateSpotsGiveTwoBoxesBestFirst() {
        float[] v = new float[64];
        v[0] = 2f;          // top-left corner, weaker
        v[7 * 8 + 7] = 4f;  // bottom-right corner, hottest
        List<Region> boxes = new BoxExtractor(0.3, 3, 0, 8).boxes(new HeatMap("nodule", 8, 8, v, 512, 512), 1.0);
        assertEquals(2, boxes.size(), boxes.toString());
        assertTrue(boxes.get(0).contains(480, 480), boxes.get(0).toString());
        assertTrue(boxes.get(1).contains(32, 32), boxes.get(1).toString());
        assertEquals(0.5, boxes.get(1).score(), 0.05);
    }

    @Test
    void flatOrNegativeMapGivesNoBox() {
        assertTrue(BoxExtractor.defaults().boxes(new HeatMap("edema", 4, 4, new float[16], 100, 100), 0.9).isEmpty());
    }

    @Test
    void peakOfTheMapIsTheHotCellCentre() {
        double[] p = hotSpot().peak();
        assertEquals(5.5 * 128, p[0], 1e-9);
        assertEquals(1.5 * 96, p[1], 1e-9);
    }
}
