package org.pleura.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.train.manifest.LabeledBox;
import org.pleura.train.testing.Python;

/**
 * The FROC against an independent computation in NumPy on a fixture of 60 images: 25 with one or two true boxes,
 * predicted boxes that hit by centre, by IoU, twice on one true box, or nothing, with tied scores.
 */
class FrocReferenceTest {

  @TempDir Path dir;

  @Test
  void sensitivitiesAndFalsePositivesMatchAnIndependentComputation() throws Exception {
    Python.assumeSklearn();
    Random r = new Random(8);
    List<String> images = new ArrayList<>();
    List<LabeledBox> truth = new ArrayList<>();
    List<PredictedBox> predicted = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String path = "img" + i + ".png";
      images.add(path);
      int boxes = i < 25 ? 1 + r.nextInt(2) : 0;
      for (int b = 0; b < boxes; b++) {
        double x = 20 + r.nextInt(200);
        double y = 20 + r.nextInt(200);
        double w = 20 + r.nextInt(40);
        double h = 20 + r.nextInt(40);
        truth.add(new LabeledBox(path, "fracture", x, y, w, h));
        int kind = r.nextInt(4);
        double score = Math.round(r.nextDouble() * 20) / 20.0; // ties
        switch (kind) {
          case 0 -> predicted.add(new PredictedBox(path, "fracture", x + w / 3, y + h / 3, w * 2, h * 2, score, true));
          case 1 -> predicted.add(new PredictedBox(path, "fracture", x + 2, y + 2, w, h, score, false));
          case 2 -> {
            predicted.add(new PredictedBox(path, "fracture", x, y, w, h, score, true));
            predicted.add(new PredictedBox(path, "fracture", x + 1, y + 1, w, h, score / 2, false));
          }
          default -> { }
        }
      }
      int misses = r.nextInt(3);
      for (int m = 0; m < misses; m++) {
        predicted.add(new PredictedBox(path, "fracture", 300 + r.nextInt(50), 300, 15, 15,
            Math.round(r.nextDouble() * 20) / 20.0, false));
      }
    }
    Froc.Curve c = Froc.of("fracture", images, truth, predicted, Map.of("positive", 0.5));
    StringBuilder t = new StringBuilder();
    truth.forEach(b -> t.append(b.path()).append(',').append(b.x()).append(',').append(b.y()).append(',').append(b.w())
        .append(',').append(b.h()).append('\n'));
    StringBuilder p = new StringBuilder();
    predicted.forEach(b -> p.append(b.path()).append(',').append(b.x()).append(',').append(b.y()).append(',')
        .append(b.w()).append(',').append(b.h()).append(',').append(b.score()).append('\n'));
    Files.writeString(dir.resolve("t.csv"), t);
    Files.writeString(dir.resolve("p.csv"), p);
    String out = Python.run("""
        import sys, numpy as np
        T = [l.split(',') for l in open(sys.argv[1]).read().split()]
        P = [l.split(',') for l in open(sys.argv[2]).read().split()]
        n_images = int(sys.argv[3])
        def hits(p, t):
            if p[0] != t[0]: return False
            px, py, pw, ph = map(float, p[1:5]); tx, ty, tw, th = map(float, t[1:5])
            cx, cy = px + pw / 2, py + ph / 2
            if tx <= cx <= tx + tw and ty <= cy <= ty + th: return True
            iw = min(px + pw, tx + tw) - max(px, tx); ih = min(py + ph, ty + th) - max(py, ty)
            inter = iw * ih if iw > 0 and ih > 0 else 0.0
            return inter / (pw * ph + tw * th - inter) >= 0.3
        scores = sorted({float(p[5]) for p in P}, reverse=True)
        for s in scores:
            kept = [p for p in P if float(p[5]) >= s]
            sens = np.mean([any(hits(p, t) for p in kept) for t in T])
            fp = sum(1 for p in kept if not any(hits(p, t) for t in T)) / n_images
            print(repr(s), repr(float(sens)), repr(fp))
        """, List.of(dir.resolve("t.csv").toString(), dir.resolve("p.csv").toString(), "60"));
    String[] lines = out.strip().split("\n");
    assertEquals(lines.length, c.curve().size(), "one point per distinct score");
    for (int i = 0; i < lines.length; i++) {
      String[] f = lines[i].split(" ");
      Froc.Point pt = c.curve().get(i);
      assertEquals(Double.parseDouble(f[0]), pt.threshold(), 1e-12);
      assertEquals(Double.parseDouble(f[1]), pt.sensitivity(), 1e-12, "sensitivity at " + f[0]);
      assertEquals(Double.parseDouble(f[2]), pt.falsePositivesPerImage(), 1e-12, "FP/image at " + f[0]);
    }
    for (double rate : Froc.FP_RATES) {
      double expected = 0;
      for (String line : lines) {
        String[] f = line.split(" ");
        if (Double.parseDouble(f[2]) <= rate) {
          expected = Math.max(expected, Double.parseDouble(f[1]));
        }
      }
      assertEquals(expected, c.sensitivityAt().get(rate), 1e-12, "sensitivity at " + rate + " FP/image");
    }
    for (int i = 1; i < c.curve().size(); i++) {
      assertTrue(c.curve().get(i).sensitivity() >= c.curve().get(i - 1).sensitivity(), "sensitivity never falls");
      assertTrue(c.curve().get(i).falsePositivesPerImage() >= c.curve().get(i - 1).falsePositivesPerImage());
    }
    assertTrue(c.curve().get(c.curve().size() - 1).sensitivity() > 0.3, "the hitting boxes are found");
  }
}
