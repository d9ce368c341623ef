package org.pleura.train.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.testsupport.SharedData;
import org.pleura.train.eval.EvaluationInput;
import org.pleura.train.eval.HeatmapPeak;
import org.pleura.train.eval.LocalisationPredictions;
import org.pleura.train.eval.ModelSummary;
import org.pleura.train.eval.OperatingThresholds;
import org.pleura.train.eval.PredictedBox;
import org.pleura.train.eval.ScoreTable;
import org.pleura.train.eval.ScoredLabels;
import org.pleura.train.manifest.BoxesFile;
import org.pleura.train.manifest.LabeledBox;
import org.pleura.train.manifest.Manifest;
import org.pleura.train.manifest.ManifestEntry;
import org.pleura.train.manifest.ManifestReader;
import org.pleura.train.manifest.Split;
import org.pleura.train.testing.Python;

/**
 * An evaluation of simulated scores on the real NIH manifest's test split, recomputed independently from
 * {@code predictions.csv} and the manifest by scikit-learn, as an outside reviewer would. Set
 * {@code -Dpleura.report.dir=DIR} to keep the output for a look at the report.
 */
class NihEvaluationTest {

  private static final List<String> FINDINGS = List.of("pneumothorax", "effusion", "consolidation", "nodule",
      "cardiomegaly", "atelectasis", "edema", "infiltration", "emphysema", "fibrosis", "pleural_thickening", "hernia");

  @TempDir Path dir;

  /** A fake model: per finding, sigmoid(1.3 * label + noise), noise fixed by the path; abnormal = max. */
  private static ScoreTable simulate(List<ManifestEntry> entries) {
    List<String> columns = new ArrayList<>(FINDINGS);
    columns.add("abnormal");
    ScoreTable.Builder b = ScoreTable.builder(columns);
    for (ManifestEntry e : entries) {
      Random r = new Random(e.path().hashCode());
      double[] s = new double[columns.size()];
      double max = 0;
      for (int i = 0; i < FINDINGS.size(); i++) {
        double z = -1.5 + 1.3 * (e.label(FINDINGS.get(i)) == org.pleura.train.manifest.Label.POSITIVE ? 1 : 0)
            + r.nextGaussian();
        s[i] = 1 / (1 + Math.exp(-z));
        max = Math.max(max, s[i]);
      }
      s[FINDINGS.size()] = max;
      b.put(e.path(), s);
    }
    return b.build();
  }

  @Test
  void aurocsRecomputedFromPredictionsCsvBySklearnMatchMetricsJson() throws Exception {
    Path nih = SharedData.data("nih-cxr");
    Manifest manifest = ManifestReader.forFindings(FINDINGS).read(nih.resolve("manifest.csv"));
    List<ManifestEntry> val = manifest.entries(Split.VAL);
    List<ManifestEntry> test = manifest.entries(Split.TEST);
    ScoreTable valScores = simulate(val);
    Map<String, OperatingThresholds> thresholds = new HashMap<>();
    List<String> outputs = new ArrayList<>(FINDINGS);
    outputs.add("abnormal");
    for (String id : outputs) {
      var labels = val.stream().map(e -> id.equals("abnormal") ? e.abnormalLabel() : e.label(id)).toList();
      ScoredLabels v = ScoredLabels.of(valScores.column(val.stream().map(ManifestEntry::path).toList(), id), labels);
      OperatingThresholds.choose(v, 0.9, 0.9).ifPresent(t -> thresholds.put(id, t));
    }
    BoxesFile boxes = BoxesFile.read(nih.resolve("boxes.csv"));
    List<HeatmapPeak> peaks = new ArrayList<>();
    List<PredictedBox> predicted = new ArrayList<>();
    Random r = new Random(1);
    for (LabeledBox b : boxes.boxes()) {
      boolean good = r.nextDouble() < 0.6;
      peaks.add(new HeatmapPeak(b.path(), b.finding(), good ? b.x() + b.w() / 2 : 256 + 200 * r.nextDouble() - 100,
          good ? b.y() + b.h() / 2 : 60));
      if (good) {
        predicted.add(new PredictedBox(b.path(), b.finding(), b.x() + 10, b.y() - 5, b.w() * 1.2, b.h(), 0.8));
      }
    }
    EvaluationInput input = EvaluationInput.builder(
            new ModelSummary("simulated", "0", Map.of("note", "simulated scores, not a model")), manifest, FINDINGS,
            simulate(test))
        .entries(test, "split test")
        .thresholds(thresholds)
        .boxes(boxes, new LocalisationPredictions(peaks, predicted))
        .displayNames(Map.of("pleural_thickening", "Pleural thickening", "abnormal", "Abnormal study"))
        .build();
    Path out = System.getProperty("pleura.report.dir") != null ? Path.of(System.getProperty("pleura.report.dir"))
        : dir.resolve("eval");
    EvaluationReport.write(out, input);

    JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals(test.size(), json.get("data").get("evaluated_images").asInt());
    assertEquals(0, json.get("data").get("train_split_images").asInt());
    assertEquals(5, json.get("findings").get("pneumothorax").get("positives").asInt(), "README: 5 in test");
    assertEquals(25, json.get("findings").get("effusion").get("positives").asInt(), "README: 25 in test");
    assertTrue(json.get("localisation").get("all").get("images").asInt() > 0);

    Python.assumeSklearn();
    String py = Python.run("""
        import csv, json, sys
        from sklearn.metrics import roc_auc_score
        out, manifest = sys.argv[1], sys.argv[2]
        labels = {r['path']: r for r in csv.DictReader(open(manifest, encoding='utf-8-sig'))}
        preds = list(csv.DictReader(open(out + '/predictions.csv', encoding='utf-8')))
        metrics = json.load(open(out + '/metrics.json'))
        for fid in [c for c in preds[0].keys() if c not in ('path',)]:
            col = 'no_finding' if fid == 'abnormal' else fid
            ys, ss = [], []
            for p in preds:
                v = labels[p['path']].get(col, '')
                if v.strip() == '':
                    continue
                y = int(v)
                ys.append(1 - y if fid == 'abnormal' else y)
                ss.append(float(p[fid]))
            got = metrics['abnormal' if fid == 'abnormal' else 'findings']
            got = got if fid == 'abnormal' else got[fid]
            ref = roc_auc_score(ys, ss) if 0 < sum(ys) < len(ys) else None
            print(fid, repr(ref), repr(got['auroc']))
        """, List.of(out.toString(), nih.resolve("manifest.csv").toString()));
    int checked = 0;
    for (String line : py.strip().split("\n")) {
      String[] f = line.split(" ");
      if (f[1].equals("None")) {
        assertEquals("None", f[2], line);
      } else {
        assertEquals(Double.parseDouble(f[1]), Double.parseDouble(f[2]), 1e-9, line);
        checked++;
      }
    }
    assertEquals(outputs.size(), py.strip().split("\n").length, py);
    assertTrue(checked >= 9, "at least the nine README findings have both classes in test: " + py);
    assertTrue(Files.size(out.resolve("report.html")) > 10_000);
  }
}
