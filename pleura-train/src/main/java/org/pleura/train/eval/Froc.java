package org.pleura.train.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.pleura.train.manifest.LabeledBox;

/**
 * Box-level free-response ROC (Chakraborty 1989; as in the LUNA16 and FROC challenge protocols): every box the
 * model gives (a detector's candidates, called or not) is ranked by score; at each score, the sensitivity is the
 * share of true boxes hit by at least one box at or above it, and the false positives are the boxes at or above it
 * that hit no true box, counted per evaluated image (images without any true box included). A box <b>hits</b> a true
 * box when its centre lies inside the true box or their intersection over union is at least {@value #MIN_IOU};
 * several boxes on one true box count once, and none of them is a false positive. Reported: the sensitivity at
 * {@link #FP_RATES} false positives per image (the best sensitivity whose false-positive rate does not exceed the
 * rate), and the points of the model's own thresholds.
 */
public final class Froc {

  /** IoU at which a box hits a true box (its centre inside the true box also hits). */
  public static final double MIN_IOU = 0.3;
  /** False positives per image at which sensitivity is reported. */
  public static final double[] FP_RATES = {0.5, 1, 2};

  private Froc() {}

  /**
   * One point of the curve.
   *
   * @param threshold boxes scored at least this count
   * @param sensitivity share of true boxes hit
   * @param falsePositivesPerImage boxes hitting nothing, per image
   */
  public record Point(double threshold, double sensitivity, double falsePositivesPerImage) {}

  /**
   * The FROC of one finding.
   *
   * @param finding the finding id
   * @param images evaluated images
   * @param trueBoxes true boxes on them
   * @param boxes predicted boxes on them
   * @param curve one point per distinct score, highest score first
   * @param sensitivityAt sensitivity at each rate of {@link #FP_RATES}, by rate
   * @param operatingPoints the curve's point at each of the model's thresholds, by name
   */
  public record Curve(String finding, int images, int trueBoxes, int boxes, List<Point> curve,
      Map<Double, Double> sensitivityAt, Map<String, Point> operatingPoints) {
    /** Copies. */
    public Curve {
      curve = List.copyOf(curve);
      sensitivityAt = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sensitivityAt));
      operatingPoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(operatingPoints));
    }

    /** The mean sensitivity over {@link #FP_RATES}. */
    public OptionalDouble meanSensitivity() {
      return sensitivityAt.values().stream().mapToDouble(Double::doubleValue).average();
    }
  }

  /**
   * @param finding the finding id
   * @param images the evaluated images' paths
   * @param truth true boxes of that finding on those images
   * @param predicted predicted boxes of that finding on those images (drawn or not)
   * @param thresholds the model's named thresholds (e.g. doubtful, positive), for their points
   */
  public static Curve of(String finding, List<String> images, List<LabeledBox> truth, List<PredictedBox> predicted,
      Map<String, Double> thresholds) {
    Map<String, List<Integer>> truthByImage = new HashMap<>();
    for (int t = 0; t < truth.size(); t++) {
      truthByImage.computeIfAbsent(truth.get(t).path(), k -> new ArrayList<>()).add(t);
    }
    List<PredictedBox> ranked = new ArrayList<>(predicted);
    ranked.sort(Comparator.comparingDouble(PredictedBox::score).reversed());
    // for each predicted box, the true boxes it hits
    int[] firstHitScoreIndex = new int[truth.size()];
    java.util.Arrays.fill(firstHitScoreIndex, -1);
    boolean[] hitsAny = new boolean[ranked.size()];
    for (int b = 0; b < ranked.size(); b++) {
      PredictedBox p = ranked.get(b);
      for (int t : truthByImage.getOrDefault(p.path(), List.of())) {
        LabeledBox g = truth.get(t);
        if (p.centreInside(g.x(), g.y(), g.w(), g.h()) || p.iou(g.x(), g.y(), g.w(), g.h()) >= MIN_IOU) {
          hitsAny[b] = true;
          if (firstHitScoreIndex[t] < 0) {
            firstHitScoreIndex[t] = b;
          }
        }
      }
    }
    int n = Math.max(1, images.size());
    List<Point> curve = new ArrayList<>();
    int hit = 0;
    int fp = 0;
    int[] hitsAt = new int[ranked.size()];
    for (int t = 0; t < truth.size(); t++) {
      if (firstHitScoreIndex[t] >= 0) {
        hitsAt[firstHitScoreIndex[t]]++;
      }
    }
    for (int b = 0; b < ranked.size(); b++) {
      hit += hitsAt[b];
      fp += hitsAny[b] ? 0 : 1;
      boolean lastOfScore = b + 1 == ranked.size() || ranked.get(b + 1).score() < ranked.get(b).score();
      if (lastOfScore) {
        curve.add(new Point(ranked.get(b).score(), truth.isEmpty() ? 0 : (double) hit / truth.size(), (double) fp / n));
      }
    }
    Map<Double, Double> at = new LinkedHashMap<>();
    for (double rate : FP_RATES) {
      double best = 0;
      for (Point p : curve) {
        if (p.falsePositivesPerImage() <= rate + 1e-12) {
          best = Math.max(best, p.sensitivity());
        }
      }
      at.put(rate, best);
    }
    Map<String, Point> ops = new LinkedHashMap<>();
    thresholds.forEach((name, th) -> {
      Point chosen = new Point(th, 0, 0);
      for (Point p : curve) {
        if (p.threshold() >= th) {
          chosen = new Point(th, p.sensitivity(), p.falsePositivesPerImage());
        }
      }
      ops.put(name, chosen);
    });
    return new Curve(finding, images.size(), truth.size(), ranked.size(), curve, at, ops);
  }
}
