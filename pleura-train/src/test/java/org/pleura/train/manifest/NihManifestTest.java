package org.pleura.train.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.testsupport.SharedData;
import org.pleura.train.testing.NihReadme;

/** The real NIH development manifest and boxes (../shared/data/nih-cxr), checked against its README. */
class NihManifestTest {

  private static final List<String> FINDINGS = List.of("pneumothorax", "effusion", "consolidation", "nodule",
      "cardiomegaly", "atelectasis", "edema", "infiltration", "emphysema", "fibrosis", "pleural_thickening", "hernia");

  @TempDir Path dir;

  @Test
  void readsAllRowsWithTheReadmeCountsAndPatientDisjointSplits() throws Exception {
    Path nih = SharedData.data("nih-cxr");
    NihReadme readme = NihReadme.read(nih);
    Manifest m = ManifestReader.forFindings(FINDINGS).read(nih.resolve("manifest.csv"));
    assertEquals(readme.images(), m.entries().size());
    assertEquals(SplitOrigin.FILE, m.splitOrigin());
    assertEquals(readme.patients(), m.entries().stream().map(ManifestEntry::patientKey).distinct().count());
    assertEquals(13, m.labelColumns().size());
    assertEquals(9, readme.positives().size(), "the README gives positives for eight findings and no_finding");
    for (var e : readme.positives().entrySet()) {
      int[] expected = e.getValue();
      for (Split s : Split.values()) {
        LabelCounts c = m.counts(e.getKey(), s);
        assertEquals(expected[s.ordinal()], c.positives(), e.getKey() + " positives in " + s.id());
        assertEquals(0, c.unknown(), "the NIH manifest labels every image");
      }
    }
    assertEquals(readme.apViews(), m.entries().stream().filter(x -> "AP".equals(x.metadata().get("view"))).count());
    assertEquals(readme.paViews(), m.entries().stream().filter(x -> "PA".equals(x.metadata().get("view"))).count());
    assertFalse(readme.sourceImages().isEmpty(), "the README's source table");
    for (var e : readme.sourceImages().entrySet()) {
      assertEquals(e.getValue().longValue(),
          m.entries().stream().filter(x -> e.getKey().equals(x.metadata().get("source"))).count(), e.getKey());
    }
    assertTrue(Files.isRegularFile(m.entries().get(0).resolvedPath()), "paths resolve against the manifest folder");
    assertNoPatientCrossesSplits(m);
  }

  @Test
  void derivedSplitNeverSeparatesAPatientAndIsIndependentOfRowOrder() throws Exception {
    Path nih = SharedData.data("nih-cxr");
    List<String> lines = Files.readAllLines(nih.resolve("manifest.csv"), StandardCharsets.UTF_8);
    List<String> withoutSplit = new ArrayList<>();
    for (String line : lines) {
      List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
      cells.remove(2); // the split column (no field before it is quoted in this file)
      withoutSplit.add(String.join(",", cells));
    }
    assertTrue(lines.get(0).split(",")[2].equals("split"));
    Path first = dir.resolve("nosplit.csv");
    Files.write(first, withoutSplit, StandardCharsets.UTF_8);
    Manifest m = ManifestReader.forFindings(FINDINGS).read(first);
    assertEquals(SplitOrigin.DERIVED, m.splitOrigin());
    NihReadme readme = NihReadme.read(nih);
    assertEquals(readme.images(), m.entries().size());
    assertNoPatientCrossesSplits(m);

    Map<Split, Set<String>> patients = new HashMap<>();
    for (ManifestEntry e : m.entries()) {
      patients.computeIfAbsent(e.split(), k -> new HashSet<>()).add(e.patientKey());
    }
    double train = patients.get(Split.TRAIN).size() / (double) readme.patients();
    double val = patients.get(Split.VAL).size() / (double) readme.patients();
    assertEquals(0.8, train, 0.04, "about 80 % of patients in train");
    assertEquals(0.1, val, 0.03, "about 10 % of patients in val");

    List<String> shuffled = new ArrayList<>(withoutSplit.subList(1, withoutSplit.size()));
    Collections.shuffle(shuffled, new Random(7));
    shuffled.add(0, withoutSplit.get(0));
    Path second = dir.resolve("shuffled.csv");
    Files.write(second, shuffled, StandardCharsets.UTF_8);
    Map<String, Split> again = new HashMap<>();
    for (ManifestEntry e : ManifestReader.forFindings(FINDINGS).read(second).entries()) {
      again.put(e.path(), e.split());
    }
    for (ManifestEntry e : m.entries()) {
      assertEquals(e.split(), again.get(e.path()), "split of " + e.path() + " depends on row order");
    }
  }

  @Test
  void readsTheRadiologistBoxes() throws Exception {
    Path nih = SharedData.data("nih-cxr");
    BoxesFile boxes = BoxesFile.read(nih.resolve("boxes.csv"));
    assertEquals(NihReadme.read(nih).boxes(), boxes.boxes().size());
    Manifest m = ManifestReader.forFindings(FINDINGS).read(nih.resolve("manifest.csv"));
    Set<String> paths = new HashSet<>();
    m.entries().forEach(e -> paths.add(e.path()));
    for (LabeledBox b : boxes.boxes()) {
      assertTrue(paths.contains(b.path()), b.path() + " of boxes.csv is not in the manifest");
      assertTrue(b.x() >= -1 && b.y() >= -1 && b.x() + b.w() <= 513 && b.y() + b.h() <= 513, "box inside 512 px: " + b);
    }
    assertTrue(boxes.byFinding().keySet().stream().allMatch(f -> FINDINGS.contains(f)), "" + boxes.byFinding().keySet());
  }

  private static void assertNoPatientCrossesSplits(Manifest m) {
    Map<String, Split> seen = new HashMap<>();
    for (ManifestEntry e : m.entries()) {
      Split before = seen.putIfAbsent(e.patientKey(), e.split());
      assertTrue(before == null || before == e.split(), "patient " + e.patientKey() + " is in two splits");
    }
  }
}
