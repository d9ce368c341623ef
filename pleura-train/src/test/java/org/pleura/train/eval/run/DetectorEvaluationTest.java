package org.pleura.train.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.model.net.FindingNetwork;
import org.pleura.model.net.ResNetSpec;
import org.pleura.model.pkg.Architecture;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.ModelDescriptor;
import org.pleura.model.pkg.ModelPackage;
import org.pleura.model.pkg.OperatingPoint;
import org.pleura.model.pkg.Preprocessing;
import org.pleura.model.pkg.WeightsFile;
import org.pleura.testsupport.SharedData;
import org.pleura.train.eval.BootstrapSettings;
import org.pleura.train.eval.EvaluationResult;
import org.pleura.train.manifest.CsvReader;
import org.pleura.train.manifest.CsvRecord;

/**
 * {@code pleura evaluate} end to end with a small randomly initialised model on real NIH images that have
 * radiologist boxes, plus one missing image that must be reported, not fatal.
 */
class DetectorEvaluationTest {

  private static final List<String> OUTPUTS = List.of("pneumothorax", "effusion", "nodule", "abnormal");

  @TempDir Path dir;

  private Path randomPackage() throws Exception {
    Engine.getInstance().setRandomSeed(99);
    Map<String, FindingThresholds> t = new LinkedHashMap<>();
    for (String id : OUTPUTS) {
      t.put(id, new FindingThresholds(new OperatingPoint(0.6, 0.5, 0.9), new OperatingPoint(0.3, 0.9, 0.4)));
    }
    ModelDescriptor d = new ModelDescriptor(ModelDescriptor.FORMAT_VERSION, "random-test", "0.0.1", "chest",
        Architecture.of(ResNetSpec.resnet18(8)), Preprocessing.of(64), OUTPUTS, t, Map.of(), null);
    FindingNetwork net = new FindingNetwork(ResNetSpec.resnet18(8), OUTPUTS.size());
    Path pkg = dir.resolve("model");
    try (Model model = Model.newInstance("random")) {
      model.setBlock(net);
      net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 64, 64));
      ModelPackage.write(pkg, d, net, "# Random test model\n", WeightsFile.Storage.FLOAT32);
    }
    return pkg;
  }

  @Test
  void scoresAManifestAndWritesTheThreeFiles() throws Exception {
    Path nih = SharedData.data("nih-cxr");
    List<String> boxLines = Files.readAllLines(nih.resolve("boxes.csv"));
    Set<String> wanted = new LinkedHashSet<>();
    List<String> boxes = new ArrayList<>(List.of("path,finding,x,y,w,h"));
    for (String line : boxLines.subList(1, boxLines.size())) {
      String[] c = line.split(",");
      if ((c[1].equals("effusion") || c[1].equals("nodule")) && (wanted.size() < 6 || wanted.contains(c[0]))) {
        wanted.add(c[0]);
        boxes.add(nih.resolve(c[0]).toAbsolutePath() + "," + c[1] + "," + c[2] + "," + c[3] + "," + c[4] + "," + c[5]);
      }
    }
    List<String> manifestLines = Files.readAllLines(nih.resolve("manifest.csv"));
    List<String> header = List.of(manifestLines.get(0).split(",", -1));
    List<String> manifest = new ArrayList<>(List.of("path,patient_id,effusion,nodule,no_finding"));
    for (String line : manifestLines.subList(1, manifestLines.size())) {
      String[] c = line.split(",", -1);
      if (wanted.contains(c[0])) {
        manifest.add(nih.resolve(c[0]).toAbsolutePath() + "," + c[header.indexOf("patient_id")] + ","
            + c[header.indexOf("effusion")] + "," + c[header.indexOf("nodule")] + "," + c[header.indexOf("no_finding")]);
      }
    }
    manifest.add("missing/image.png,999999,0,0,1");
    Files.write(dir.resolve("m.csv"), manifest);
    Files.write(dir.resolve("b.csv"), boxes);

    Path out = dir.resolve("eval");
    List<int[]> updates = new ArrayList<>();
    EvaluationResult r = DetectorEvaluation.run(new EvaluationOptions(randomPackage(), dir.resolve("m.csv"), out,
            Optional.of(dir.resolve("b.csv")), Optional.empty(), new BootstrapSettings(100, 1, true), 2),
        DetectorEvaluation.radiographs(), (done, total, failed) -> updates.add(new int[] {done, total, failed}));

    assertEquals(7, r.data().selectedImages());
    assertEquals(6, r.data().evaluatedImages());
    assertTrue(r.data().skipped().get("missing/image.png").startsWith("cannot read"), r.data().skipped().toString());
    int[] last = updates.get(updates.size() - 1);
    assertEquals(List.of(7, 7, 1), List.of(last[0], last[1], last[2]));

    List<CsvRecord> csv = CsvReader.read(out.resolve("predictions.csv"));
    assertEquals(List.of("path", "pneumothorax", "effusion", "nodule", "abnormal"), csv.get(0).fields(),
        "catalogue order, then abnormal");
    assertEquals(7, csv.size());
    for (CsvRecord row : csv.subList(1, csv.size())) {
      for (String v : row.fields().subList(1, 5)) {
        double s = Double.parseDouble(v);
        assertTrue(s >= 0 && s <= 1, v);
      }
    }
    JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
    assertEquals("random-test", json.get("model").get("id").asText());
    assertEquals("Pleural effusion", json.get("findings").get("effusion").get("name").asText());
    assertEquals(0.3, json.get("findings").get("effusion").get("operating_points").get("doubtful").get("threshold").asDouble());
    assertEquals(0.9, json.get("findings").get("effusion").get("operating_points").get("doubtful")
        .get("validation_sensitivity").asDouble());
    assertTrue(json.get("findings").get("pneumothorax").get("auroc").isNull(), "no pneumothorax column");
    JsonNode all = json.get("localisation").get("all");
    assertEquals(boxes.size() - 1, all.get("true_boxes").asInt());
    assertEquals(0, all.get("missing_peaks").asInt(), "the detector gives a peak for every finding");
    assertTrue(Files.readString(out.resolve("report.html")).contains("not a diagnosis"));
  }
}
