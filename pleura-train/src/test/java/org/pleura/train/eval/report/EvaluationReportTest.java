package org.pleura.train.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.train.eval.Auroc;
import org.pleura.train.eval.BootstrapSettings;
import org.pleura.train.eval.EvaluationInput;
import org.pleura.train.eval.EvaluationResult;
import org.pleura.train.eval.HeatmapPeak;
import org.pleura.train.eval.LocalisationPredictions;
import org.pleura.train.eval.ModelSummary;
import org.pleura.train.eval.ModelThreshold;
import org.pleura.train.eval.OperatingThresholds;
import org.pleura.train.eval.PredictedBox;
import org.pleura.train.eval.ScoreTable;
import org.pleura.train.eval.ScoredLabels;
import org.pleura.train.manifest.BoxesFile;
import org.pleura.train.manifest.CsvReader;
import org.pleura.train.manifest.CsvRecord;
import org.pleura.train.manifest.Label;
import org.pleura.train.manifest.Manifest;
import org.pleura.train.manifest.ManifestReader;

/** The shapes of predictions.csv, metrics.json and report.html on a small hand-made data set. */
class EvaluationReportTest {

  private static final List<String> FINDINGS = List.of("effusion", "nodule", "pneumothorax");

  @TempDir Path dir;

  private EvaluationInput input() throws Exception {
    Path m = dir.resolve("manifest.csv");
    // effusion has both classes and one unknown; nodule only negatives; pneumothorax has no column
    Files.writeString(m, """
        path,patient_id,split,effusion,nodule,no_finding
        "a, with comma.png",p1,train,1,0,0
        b.png,p2,test,0,0,1
        c.png,p3,test,1,0,0
        d.png,p4,test,0,0,1
        e.png,p5,test,,0,
        f.png,p6,test,0,0,0
        """);
    Manifest manifest = ManifestReader.forFindings(FINDINGS).read(m);
    ScoreTable.Builder t = ScoreTable.builder(List.of("effusion", "nodule", "pneumothorax", "abnormal"));
    t.put("a, with comma.png", new double[] {0.9, 0.1, 0.2, 0.8});
    t.put("b.png", new double[] {0.3, 0.05, 0.1, 0.2});
    t.put("c.png", new double[] {0.3, 0.2, 0.3, 0.7});
    t.put("d.png", new double[] {1.0E-5, 0.0, 0.05, 0.1});
    t.put("e.png", new double[] {0.5, 0.3, 0.1, 0.5});
    // f.png could not be read
    Path boxes = dir.resolve("boxes.csv");
    Files.writeString(boxes, "path,finding,x,y,w,h\n\"a, with comma.png\",effusion,10,10,20,20\nc.png,effusion,0,0,10,10\n"
        + "zzz.png,effusion,0,0,5,5\nc.png,hernia,0,0,5,5\n");
    LocalisationPredictions loc = new LocalisationPredictions(
        List.of(new HeatmapPeak("a, with comma.png", "effusion", 15, 15), new HeatmapPeak("c.png", "effusion", 50, 50)),
        List.of(new PredictedBox("a, with comma.png", "effusion", 10, 10, 20, 40, 0.9)));
    return EvaluationInput.builder(new ModelSummary("test-model", "0.1", Map.of("architecture", "none", "input_size", 8)),
            manifest, FINDINGS, t.build())
        .thresholds(Map.of("effusion", new OperatingThresholds(ModelThreshold.of(0.25, 0.9, 0.4), ModelThreshold.of(0.8))))
        .boxes(BoxesFile.read(boxes), loc)
        .bootstrap(new BootstrapSettings(200, 3, true))
        .skipped(Map.of("f.png", "cannot decode image"))
        .displayNames(Map.of("effusion", "Pleural effusion"))
        .build();
  }

  @Test
  void writesTheThreeFilesInTheDesignShapes() throws Exception {
    EvaluationInput input = input();
    Path out = dir.resolve("eval");
    EvaluationResult result = EvaluationReport.write(out, input);

    List<CsvRecord> csv = CsvReader.read(out.resolve("predictions.csv"));
    assertEquals(List.of("path", "effusion", "nodule", "pneumothorax", "abnormal"), csv.get(0).fields());
    assertEquals(6, csv.size(), "header and the five scored images; the skipped one is absent");
    assertEquals("a, with comma.png", csv.get(1).fields().get(0), "path exactly as in the manifest");
    assertEquals("0.00001", csv.get(4).fields().get(1), "plain notation, no exponent");
    assertEquals("0", csv.get(4).fields().get(2));
    for (CsvRecord r : csv.subList(1, csv.size())) {
      for (int c = 1; c < 5; c++) {
        double v = Double.parseDouble(r.fields().get(c));
        assertEquals(input.scores().score(r.fields().get(0), csv.get(0).fields().get(c)).orElseThrow(), v, 0.0,
            "scores read back exactly");
      }
    }

    JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals("test-model", json.get("model").get("id").asText());
    assertEquals(8, json.get("model").get("input_size").asInt());
    List<String> keys = new ArrayList<>();
    Iterator<String> it = json.get("findings").fieldNames();
    it.forEachRemaining(keys::add);
    assertEquals(FINDINGS, keys, "one entry per finding, catalogue order");

    JsonNode eff = json.get("findings").get("effusion");
    assertEquals("Pleural effusion", eff.get("name").asText());
    assertEquals(2, eff.get("positives").asInt());
    assertEquals(2, eff.get("negatives").asInt());
    assertEquals(1, eff.get("unknown").asInt(), "the empty cell is unknown, not negative");
    double expected = Auroc.of(new ScoredLabels(new double[] {0.9, 0.3, 0.3, 1.0E-5},
        new boolean[] {true, false, true, false})).orElseThrow();
    assertEquals(0.875, expected, 1e-12, "hand check: 3.5 of 4 pairs");
    assertTrue(eff.get("auroc").isDouble());
    assertEquals(expected, eff.get("auroc").asDouble(), 0.0);
    assertTrue(eff.get("auroc_ci95").isArray() && eff.get("auroc_ci95").size() == 2);
    assertTrue(eff.get("auroc_ci95").get(0).asDouble() <= eff.get("auroc_ci95").get(1).asDouble());
    JsonNode doubtful = eff.get("operating_points").get("doubtful");
    assertEquals(0.25, doubtful.get("threshold").asDouble());
    assertEquals(1.0, doubtful.get("sensitivity").asDouble(), "both positives (0.9, 0.3) are >= 0.25");
    assertEquals(0.5, doubtful.get("specificity").asDouble(), "0.3 negative is called, 0.00001 is not");
    assertEquals(2 / 3.0, doubtful.get("ppv").asDouble(), 1e-15);
    assertEquals(1.0, doubtful.get("npv").asDouble());
    assertEquals(0.9, doubtful.get("validation_sensitivity").asDouble());
    assertTrue(eff.get("operating_points").get("positive").get("validation_sensitivity").isNull());
    for (String k : List.of("sensitivity_ci95", "specificity_ci95", "ppv_ci95", "npv_ci95")) {
      assertEquals(2, doubtful.get(k).size(), k);
    }
    assertTrue(eff.get("ece").isDouble());
    assertEquals(10, eff.get("reliability").size());

    JsonNode nodule = json.get("findings").get("nodule");
    assertTrue(nodule.get("auroc").isNull(), "one-class finding: \"auroc\": null");
    assertTrue(nodule.get("auroc_ci95").isNull());
    assertEquals(0, nodule.get("positives").asInt());
    assertEquals(5, nodule.get("negatives").asInt());
    assertEquals(0, nodule.get("operating_points").size(), "no thresholds given for nodule");
    JsonNode ptx = json.get("findings").get("pneumothorax");
    assertTrue(ptx.get("auroc").isNull());
    assertEquals(5, ptx.get("unknown").asInt(), "a finding without a column is unknown for every image");
    assertTrue(ptx.get("ece").isNull());

    JsonNode abnormal = json.get("abnormal");
    assertEquals(2, abnormal.get("positives").asInt());
    assertEquals(2, abnormal.get("negatives").asInt());
    assertEquals(1.0, abnormal.get("auroc").asDouble(), "abnormal 0.8, 0.7 vs 0.2, 0.1");
    assertEquals(expected, json.get("mean_auroc").asDouble(), 0.0, "only effusion has both classes");
    assertEquals(List.of("effusion"), result.meanAurocOver());
    assertEquals(1, json.get("data").get("skipped").size());
    assertEquals(5, json.get("data").get("evaluated_images").asInt());
    assertEquals(1, json.get("data").get("train_split_images").asInt(), "a.png is in the train split");
    assertEquals(2, json.get("data").get("true_boxes").asInt(), "boxes on unknown images or findings are left out");

    JsonNode loc = json.get("localisation").get("effusion");
    assertEquals(2, loc.get("images").asInt());
    assertEquals(0.5, loc.get("peak_hit_rate").asDouble(), "(15,15) is inside, (50,50) is not");
    assertEquals(0.25, loc.get("mean_best_iou").asDouble(), 1e-12, "IoU 400/800 and 0 for the box without prediction");
    assertEquals(0.5, loc.get("iou_at_least_0.5").asDouble());
    assertEquals(1, loc.get("true_boxes_with_prediction").asInt());
    assertTrue(json.get("localisation").has("all"));

    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("Pleura is an aid to the reader, not a diagnosis."));
    assertTrue(html.contains("<svg"), "charts are inline SVG");
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "no external resource");
    assertFalse(html.contains("@import") || html.contains("url("), "no external style or font");
    assertTrue(html.contains("<code>f.png</code>"), "skipped images are listed");
    assertTrue(html.contains("cannot decode image"));
    assertTrue(html.contains("Pleural effusion"));
    assertTrue(html.contains("Localisation"));
    assertTrue(html.contains("Training images included"), "the report warns that train images flatter the model");
  }

  @Test
  void labelsAreReadFromTheManifestNotTheScores() throws Exception {
    EvaluationInput input = input();
    assertEquals(Label.UNKNOWN, input.manifest().entries().get(4).label("effusion"));
    EvaluationResult r = org.pleura.train.eval.Evaluator.evaluate(input);
    assertEquals(3, r.findings().size());
    assertTrue(r.findings().get(1).auroc().isEmpty());
  }
}
