package org.pleura.train.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.pleura.train.manifest.LabeledBox;

/**
 * Localisation metrics against radiologists' boxes: the hit rate of the heat-map peak (the "pointing game":
 * is the hottest point of a finding's map inside one of its true boxes on that image? edges count as
 * inside), and for each true box the best intersection over union with a box the model drew for the same
 * finding on the same image (0 when the model drew none), summarised as its mean and the fractions at
 * least 0.1, 0.25 and 0.5. Only images with true boxes count: these metrics say where the model looks when
 * the finding is there, not whether it finds it.
 */
public final class Localisation {

  /** The id used for the pooled figures. */
  public static final String ALL = "all";

  private Localisation() {}

  /**
   * @param truth true boxes on the evaluated images, paths as in the manifest
   * @param predictions heat-map peaks and predicted boxes
   * @param findingOrder the order of findings in the result (findings not listed follow, in order of
   *     appearance)
   * @return per-finding and pooled metrics
   */
  public static LocalisationResult evaluate(List<LabeledBox> truth, LocalisationPredictions predictions,
      List<String> findingOrder) {
    Map<String, List<LabeledBox>> byFinding = new LinkedHashMap<>();
    for (String f : findingOrder) {
      byFinding.put(f, new ArrayList<>());
    }
    for (LabeledBox b : truth) {
      byFinding.computeIfAbsent(b.finding(), k -> new ArrayList<>()).add(b);
    }
    Map<String, HeatmapPeak> peaks = new HashMap<>();
    for (HeatmapPeak p : predictions.peaks()) {
      peaks.putIfAbsent(key(p.path(), p.finding()), p);
    }
    Map<String, List<PredictedBox>> boxes = new HashMap<>();
    for (PredictedBox b : predictions.boxes()) {
      if (b.drawn()) {
        boxes.computeIfAbsent(key(b.path(), b.finding()), k -> new ArrayList<>()).add(b);
      }
    }
    List<LocalisationStats> per = new ArrayList<>();
    Tally all = new Tally();
    for (var e : byFinding.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      Tally t = new Tally();
      Map<String, List<LabeledBox>> byImage = new LinkedHashMap<>();
      for (LabeledBox b : e.getValue()) {
        byImage.computeIfAbsent(b.path(), k -> new ArrayList<>()).add(b);
      }
      for (var img : byImage.entrySet()) {
        String k = key(img.getKey(), e.getKey());
        HeatmapPeak peak = peaks.get(k);
        List<PredictedBox> predicted = boxes.getOrDefault(k, List.of());
        boolean hit = peak != null && img.getValue().stream().anyMatch(b -> inside(peak.x(), peak.y(), b));
        List<Double> best = new ArrayList<>();
        for (LabeledBox b : img.getValue()) {
          double m = 0;
          for (PredictedBox p : predicted) {
            m = Math.max(m, p.iou(b.x(), b.y(), b.w(), b.h()));
          }
          best.add(m);
        }
        t.addImage(hit, peak == null, predicted.size(), best);
        all.addImage(hit, peak == null, predicted.size(), best);
      }
      per.add(t.stats(e.getKey()));
    }
    return new LocalisationResult(per, all.stats(ALL));
  }

  /** @return true when the point is inside the box, edges included */
  static boolean inside(double x, double y, LabeledBox b) {
    return x >= b.x() && x <= b.x() + b.w() && y >= b.y() && y <= b.y() + b.h();
  }

  /** @return the intersection over union of two rectangles given as (x, y, w, h); 0 when the union is empty */
  public static double iou(double ax, double ay, double aw, double ah, double bx, double by, double bw, double bh) {
    double iw = Math.min(ax + aw, bx + bw) - Math.max(ax, bx);
    double ih = Math.min(ay + ah, by + bh) - Math.max(ay, by);
    double inter = iw > 0 && ih > 0 ? iw * ih : 0;
    double union = aw * ah + bw * bh - inter;
    return union > 0 ? inter / union : 0;
  }

  private static String key(String path, String finding) {
    return finding + "\u0000" + path;
  }

  /** Running counts for one finding or for all. */
  private static final class Tally {
    int images;
    int hits;
    int missing;
    int trueBoxes;
    int predicted;
    int withPrediction;
    double iouSum;
    int at10;
    int at25;
    int at50;

    void addImage(boolean hit, boolean missingPeak, int predictedBoxes, List<Double> bestIous) {
      images++;
      hits += hit ? 1 : 0;
      missing += missingPeak ? 1 : 0;
      predicted += predictedBoxes;
      for (double v : bestIous) {
        trueBoxes++;
        withPrediction += predictedBoxes > 0 ? 1 : 0;
        iouSum += v;
        at10 += v >= 0.1 ? 1 : 0;
        at25 += v >= 0.25 ? 1 : 0;
        at50 += v >= 0.5 ? 1 : 0;
      }
    }

    LocalisationStats stats(String finding) {
      return new LocalisationStats(finding, new Proportion(hits, images), missing, trueBoxes, predicted,
          withPrediction, trueBoxes == 0 ? OptionalDouble.empty() : OptionalDouble.of(iouSum / trueBoxes),
          new Proportion(at10, trueBoxes), new Proportion(at25, trueBoxes), new Proportion(at50, trueBoxes));
    }
  }
}
