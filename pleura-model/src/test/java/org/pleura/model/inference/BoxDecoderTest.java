package org.pleura.model.inference;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.result.Call;
import org.pleura.model.result.DetectionResult;
import org.pleura.model.result.Region;

class BoxDecoderTest {

    private static final FindingCatalogue FRACTURE = FindingCatalogue.named("fracture");

    /** One class on an 8 x 8 map of a 128 px input (stride 16): heat logits everywhere very low, then the peaks. */
    private static float[] maps() {
        int cells = 64;
        float[] m = new float[5 * cells];
        java.util.Arrays.fill(m, 0, cells, -8f);
        return m;
    }

    private static void peak(float[] m, int i, int j, float logit, double wCells, double hCells, float ox, float oy) {
        int p = j * 8 + i;
        m[p] = logit;
        m[64 + p] = (float) Math.log(wCells);
        m[2 * 64 + p] = (float) Math.log(hCells);
        m[3 * 64 + p] = ox;
        m[4 * 64 + p] = oy;
    }

    private static BoxDecoder decoder() {
        FindingThresholds t = FindingThresholds.uncalibrated(0.7, 0.3);
        return new BoxDecoder(FRACTURE, List.of("fracture", "abnormal"), Map.of("fracture", t, "abnormal", t), 128,
                BoxDecoder.Settings.defaults());
    }

    @Test
    void aPeakBecomesABoxAtItsCentreWithItsSizeInSourcePixels() {
        float[] m = maps();
        peak(m, 2, 5, 3f, 2, 1, 0.5f, 0.25f); // centre (2.5, 5.25) cells = (40, 84) px; 32 x 16 px
        DetectionResult r = decoder().interpret(new NetworkOutput(new float[] {0}, m, 8, 8), 256, 512);
        Region box = r.findings().get(0).regions().get(0);
        // source is 256 x 512: x scale 2, y scale 4
        assertEquals(80, box.centerX(), 1e-3);
        assertEquals(336, box.centerY(), 1e-3);
        assertEquals(64, box.w(), 1e-3);
        assertEquals(64, box.h(), 1e-3);
        assertEquals(Postprocessor.sigmoid(3), box.score(), 1e-6);
        assertEquals(Call.POSITIVE, box.call());
        assertEquals(Call.POSITIVE, r.findings().get(0).call());
        assertEquals(box.score(), r.abnormal().score(), 1e-9, "the study level is the best box");
    }

    @Test
    void eachBoxHasItsOwnCallAndOverlapsAreSuppressed() {
        float[] m = maps();
        peak(m, 1, 1, 2.5f, 4, 2, 0.5f, 0.5f);      // sure: positive
        peak(m, 6, 6, -0.2f, 2, 2, 0.5f, 0.5f);     // doubtful (0.45)
        peak(m, 5, 4, -3f, 1, 1, 0.5f, 0.5f);       // below the doubtful threshold: a candidate, not drawn
        peak(m, 3, 1, 1.0f, 4, 2, 0.5f, 0.5f);      // a separate peak whose box overlaps the first (IoU 0.36): suppressed
        DetectionResult r = decoder().interpret(new NetworkOutput(new float[] {0}, m, 8, 8), 128, 128);
        List<Region> drawn = r.findings().get(0).regions();
        assertEquals(2, drawn.size());
        assertEquals(Call.POSITIVE, drawn.get(0).call());
        assertEquals(Call.DOUBTFUL, drawn.get(1).call());
        List<Region> all = r.candidates().get("fracture");
        assertEquals(3, all.size(), "the overlapping box was suppressed, the weak one kept as a candidate");
        assertEquals(Call.NEGATIVE, all.get(2).call());
        for (int a = 0; a < all.size(); a++) {
            for (int b = a + 1; b < all.size(); b++) {
                assertTrue(all.get(a).iou(all.get(b)) <= 0.3);
            }
        }
    }

    @Test
    void noPeakMeansNoFracture() {
        DetectionResult r = decoder().interpret(new NetworkOutput(new float[] {0}, maps(), 8, 8), 100, 100);
        assertEquals(Call.NEGATIVE, r.findings().get(0).call());
        assertTrue(r.findings().get(0).regions().isEmpty());
        assertTrue(r.abnormal().score() < 0.01);
    }
}
