package org.pleura.train.eval.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pleura.image.GrayImage;
import org.pleura.model.DetectionException;
import org.pleura.model.result.DetectionResult;
import org.pleura.model.Detector;
import org.pleura.model.result.FindingResult;
import org.pleura.model.result.HeatMap;
import org.pleura.model.result.Region;
import org.pleura.train.data.ImageSource;
import org.pleura.train.eval.EvaluationInput;
import org.pleura.train.eval.HeatmapPeak;
import org.pleura.train.eval.LocalisationPredictions;
import org.pleura.train.eval.PredictedBox;
import org.pleura.train.eval.ScoreTable;
import org.pleura.train.manifest.ManifestEntry;

/**
 * Runs a {@link Detector} over manifest entries on a few threads: loads each image, reads its scores, the
 * peak of each finding's heat map and the boxes drawn (in pixels of the image as stored, the frame of a
 * boxes CSV). An image that cannot be read or scored is recorded with its reason and the others go on.
 *
 * <pre>{@code
 * ScoredManifest s = new ManifestScorer(detector, findingIds, ImageSource.imageIo(), 2).score(entries, progress);
 * }</pre>
 *
 * @param detector the loaded model
 * @param findingIds the finding ids to read, in catalogue order (the model must read each)
 * @param images how an image file becomes a display-ready picture
 * @param threads images scored at the same time
 */
public record ManifestScorer(Detector detector, List<String> findingIds, ImageSource images, int threads) {

  /** Copies the ids and checks the thread count. */
  public ManifestScorer {
    findingIds = List.copyOf(findingIds);
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }

  /**
   * @param entries the images to score
   * @param progress told after each image
   * @return scores, localisation and failures, in entry order
   */
  public ScoredManifest score(List<ManifestEntry> entries, ScoringProgress progress) {
    List<String> columns = new ArrayList<>(findingIds);
    columns.add(EvaluationInput.ABNORMAL);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "pleura-evaluate");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Outcome>> futures = new ArrayList<>();
      for (ManifestEntry e : entries) {
        futures.add(pool.submit(() -> scoreOne(e)));
      }
      ScoreTable.Builder table = ScoreTable.builder(columns);
      List<HeatmapPeak> peaks = new ArrayList<>();
      List<PredictedBox> boxes = new ArrayList<>();
      Map<String, String> skipped = new LinkedHashMap<>();
      int failed = 0;
      progress.update(0, entries.size(), 0);
      for (int i = 0; i < futures.size(); i++) {
        Outcome o = await(futures.get(i), entries.get(i));
        if (o instanceof Outcome.Scored s) {
          table.put(s.path, s.scores);
          peaks.addAll(s.peaks);
          boxes.addAll(s.boxes);
        } else if (o instanceof Outcome.Failed f) {
          skipped.put(f.path, f.reason);
          failed++;
        }
        progress.update(i + 1, entries.size(), failed);
      }
      return new ScoredManifest(table.build(), new LocalisationPredictions(peaks, boxes), skipped);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome await(Future<Outcome> f, ManifestEntry e) {
    try {
      return f.get();
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scoring " + e.path(), ex);
    } catch (ExecutionException ex) {
      return new Outcome.Failed(e.path(), String.valueOf(ex.getCause()));
    }
  }

  private Outcome scoreOne(ManifestEntry e) {
    GrayImage image;
    try {
      image = images.load(e.resolvedPath());
    } catch (IOException | RuntimeException ex) {
      return new Outcome.Failed(e.path(), "cannot read " + e.resolvedPath() + ": " + message(ex));
    }
    DetectionResult r;
    try {
      r = detector.detect(image);
    } catch (DetectionException | RuntimeException ex) {
      return new Outcome.Failed(e.path(), "the model failed: " + message(ex));
    }
    double[] scores = new double[findingIds.size() + 1];
    List<HeatmapPeak> peaks = new ArrayList<>();
    List<PredictedBox> boxes = new ArrayList<>();
    for (int i = 0; i < findingIds.size(); i++) {
      String id = findingIds.get(i);
      FindingResult f = r.finding(id).orElseThrow(
          () -> new IllegalStateException("the model returned no result for '" + id + "'"));
      scores[i] = f.score();
      HeatMap map = r.heatMaps().get(id);
      if (map != null) {
        double[] p = map.peak();
        peaks.add(new HeatmapPeak(e.path(), id, p[0], p[1]));
      }
      List<Region> candidates = r.candidates().get(id);
      if (candidates != null) {
        // a detector: every candidate for the FROC, the called ones drawn
        for (Region g : candidates) {
          boolean drawn = f.call().flags() && g.call() != null && g.call().flags();
          boxes.add(new PredictedBox(e.path(), id, g.x(), g.y(), g.w(), g.h(), g.score(), drawn));
        }
      } else {
        for (Region g : f.regions()) {
          boxes.add(new PredictedBox(e.path(), id, g.x(), g.y(), g.w(), g.h(), g.score()));
        }
      }
    }
    scores[findingIds.size()] = r.abnormal().score();
    return new Outcome.Scored(e.path(), scores, peaks, boxes);
  }

  private static String message(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** The result of one image. */
  private sealed interface Outcome {
    /** Scores and localisation of an image. */
    record Scored(String path, double[] scores, List<HeatmapPeak> peaks, List<PredictedBox> boxes) implements Outcome {}

    /** An image that could not be scored. */
    record Failed(String path, String reason) implements Outcome {}
  }
}
