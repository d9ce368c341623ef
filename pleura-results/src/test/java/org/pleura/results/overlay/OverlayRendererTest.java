package org.pleura.results.overlay;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.pleura.image.GrayImage;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.Call;
import org.pleura.model.result.FindingResult;
import org.pleura.model.result.Region;
import org.pleura.results.Fixtures;
import org.pleura.results.Language;

class OverlayRendererTest {

    private static GrayImage gradient(int w, int h) {
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = 0.2f + 0.6f * x / w;
            }
        }
        return new GrayImage(w, h, px);
    }

    private static FindingResult result(Analysis a, String id) {
        return a.results().stream().filter(r -> r.finding().id().equals(id)).findFirst().orElseThrow();
    }

    /** Fraction of the pixels along the middle of a box's left edge (away from labels) that have a colour. */
    private static double edgeFraction(BufferedImage img, Rectangle box, Color colour) {
        int hits = 0;
        int n = 0;
        for (int y = box.y + box.height / 4; y < box.y + 3 * box.height / 4; y++) {
            n++;
            if (img.getRGB(box.x, y) == colour.getRGB()) {
                hits++;
            }
        }
        return (double) hits / n;
    }

    @Test
    void positiveBoxIsSolidDoubtfulBoxIsDashedWhereTheRegionsAre() {
        int w = 1000;
        int h = 1200;
        Analysis a = Fixtures.analysis("x", w, h);
        OverlayRenderer.Overlay o = new OverlayRenderer().render(gradient(w, h), a, Language.EN);
        BufferedImage img = o.image();
        assertEquals(w, img.getWidth());
        assertTrue(img.getHeight() > h, "banner and legend are bands around the radiograph");

        Rectangle positive = OverlayRenderer.boxOf(result(a, "effusion").regions().get(0), w, h, o.imageTop());
        assertEquals(1.0, edgeFraction(img, positive, OverlayRenderer.POSITIVE), 1e-9, "solid line");

        Rectangle doubtful = OverlayRenderer.boxOf(result(a, "nodule").regions().get(0), w, h, o.imageTop());
        double dashed = edgeFraction(img, doubtful, OverlayRenderer.DOUBTFUL);
        assertTrue(dashed > 0.3 && dashed < 0.85, "dashed line: colour with gaps, got " + dashed);

        // far from any box the radiograph is untouched: its gray value
        int v = Math.round((0.2f + 0.6f * 50 / w) * 255f);
        assertEquals(new Color(v, v, v).getRGB(), img.getRGB(50, o.imageTop() + h / 2));
        // the banner is the band colour at its edge
        assertEquals(OverlayRenderer.BAND.getRGB(), img.getRGB(w - 2, 2));
    }

    @Test
    void negativeFindingsDrawNoBox() {
        int w = 400;
        int h = 400;
        Analysis a = Fixtures.analysis("x", w, h);
        List<FindingResult> negatives = a.results().stream()
                .map(r -> new FindingResult(r.finding(), 0.01, Call.NEGATIVE, List.of())).toList();
        Analysis none = new Analysis("x", a.model(), a.abnormal(), negatives, List.of());
        OverlayRenderer.Overlay o = new OverlayRenderer().render(gradient(w, h), none, Language.EN);
        BufferedImage img = o.image();
        for (int y = o.imageTop(); y < o.imageTop() + h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                assertNotEquals(OverlayRenderer.POSITIVE.getRGB(), rgb);
            }
        }
    }

    @Test
    void textAndLinesScaleWithTheImage() {
        OverlayRenderer r = new OverlayRenderer();
        OverlayRenderer.Overlay small = r.render(gradient(500, 500), Fixtures.analysis("x", 500, 500), Language.FR);
        OverlayRenderer.Overlay large = r.render(gradient(2000, 2000), Fixtures.analysis("x", 2000, 2000), Language.FR);
        assertTrue(large.imageTop() > 2.5 * small.imageTop(), small.imageTop() + " vs " + large.imageTop());
        assertTrue(large.scale() >= 2 * small.scale(), small.scale() + " vs " + large.scale());
    }

    @Test
    void pngDecodesToTheSamePixels() throws Exception {
        BufferedImage img = new OverlayRenderer().render(gradient(333, 251), Fixtures.analysis("x", 333, 251),
                Language.EN).image();
        byte[] png = PngEncoder.encode(img, Map.of("Software", "Pleura"));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(img.getWidth(), back.getWidth());
        assertEquals(img.getHeight(), back.getHeight());
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                assertEquals(img.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void regionsOutsideTheImageAreClamped() {
        Rectangle r = OverlayRenderer.boxOf(new Region(-10, 90, 200, 50, 0.5), 100, 100, 20);
        assertEquals(0, r.x);
        assertTrue(r.x + r.width <= 99 && r.y + r.height <= 20 + 99, r.toString());
    }
}
