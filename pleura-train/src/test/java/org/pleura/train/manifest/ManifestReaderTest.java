package org.pleura.train.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

  private static final List<String> FINDINGS = List.of("pneumothorax", "effusion", "nodule");

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private Manifest read(String text) throws Exception {
    return ManifestReader.forFindings(FINDINGS).read(write("m.csv", text));
  }

  private ManifestException failure(String text) {
    return assertThrows(ManifestException.class, () -> read(text));
  }

  @Test
  void readsLabelsMetadataAndResolvesPathsAgainstTheManifestFolder() throws Exception {
    Path abs = dir.resolve("elsewhere/c.png").toAbsolutePath();
    Manifest m = read("path,patient_id,split,view,sex,age,source,effusion,nodule,no_finding,extra\n"
        + "img/a.png,p1,train,PA,F,55,nih,1,0,0,whatever\n"
        + "img/b.png,p2,test,AP,,,,0,,1,\n"
        + abs + ",,val,,,,,,1,0,\n");
    assertEquals(3, m.entries().size());
    assertEquals(List.of("effusion", "nodule", "no_finding"), m.labelColumns());
    assertEquals(SplitOrigin.FILE, m.splitOrigin());
    ManifestEntry a = m.entries().get(0);
    assertEquals("img/a.png", a.path());
    assertEquals(dir.toAbsolutePath().resolve("img/a.png").normalize(), a.resolvedPath());
    assertEquals(Optional.of("p1"), a.patientId());
    assertEquals(Split.TRAIN, a.split());
    assertEquals(Map.of("view", "PA", "sex", "F", "age", "55", "source", "nih", "extra", "whatever"), a.metadata(),
        "every column that is not a path, patient, split or label is metadata");
    assertEquals(Map.of("view", "AP"), m.entries().get(1).metadata(), "blank cells are left out");
    assertEquals(Label.POSITIVE, a.label("effusion"));
    assertEquals(Label.NEGATIVE, a.label("nodule"));
    assertEquals(Label.UNKNOWN, a.label("pneumothorax"), "a finding without a column is unknown");
    assertEquals(Label.POSITIVE, a.abnormalLabel(), "no_finding = 0 means abnormal");
    assertFalse(a.labels().containsKey("extra"), "unknown columns are ignored");
    ManifestEntry b = m.entries().get(1);
    assertEquals(Map.of("view", "AP"), b.metadata(), "blank metadata is left out");
    assertEquals(Label.UNKNOWN, b.label("nodule"), "an empty cell is unknown, not negative");
    assertEquals(Label.NEGATIVE, b.abnormalLabel());
    ManifestEntry c = m.entries().get(2);
    assertEquals(abs.normalize(), c.resolvedPath(), "absolute paths are kept");
    assertEquals(Optional.empty(), c.patientId());
    assertEquals(new LabelCounts(1, 1, 1), m.counts("effusion", null));
    assertEquals(new LabelCounts(1, 0, 0), m.counts("effusion", Split.TRAIN));
    assertEquals(new LabelCounts(0, 0, 3), m.counts("pneumothorax", null));
    assertEquals(new LabelCounts(2, 1, 0), m.abnormalCounts(null));
  }

  @Test
  void toleratesBomCrlfQuotingAndBlankLines() throws Exception {
    Manifest m = read("\uFEFFpath,effusion,note\r\n"
        + "\"dir, with comma/a.png\",1,\"multi\r\nline \"\"quoted\"\" note\"\r\n"
        + "\r\n"
        + "b.png, 0 ,x\r\n");
    assertEquals(2, m.entries().size());
    assertEquals("dir, with comma/a.png", m.entries().get(0).path());
    assertEquals(Label.NEGATIVE, m.entries().get(1).label("effusion"), "spaces around a label are ignored");
    assertEquals(5, m.entries().get(1).line(), "line numbers count the physical lines of a quoted field");
  }

  @Test
  void headerCaseAndDecimalLabelsAreTolerated() throws Exception {
    Manifest m = read(" Path ,Effusion,NODULE\na.png,1.0,0.0\nb.png,0.,1\n");
    assertEquals(List.of("effusion", "nodule"), m.labelColumns());
    assertEquals(Label.POSITIVE, m.entries().get(0).label("effusion"));
    assertEquals(Label.NEGATIVE, m.entries().get(0).label("nodule"));
    assertEquals(Label.NEGATIVE, m.entries().get(1).label("effusion"));
    ManifestException uncertain = failure("path,effusion\na.png,-1\n");
    assertTrue(uncertain.getMessage().contains("value '-1'") && uncertain.getMessage().contains("uncertain"),
        uncertain.getMessage());
    assertTrue(failure("path,effusion\na.png,0.5\n").getMessage().contains("value '0.5'"));
    assertTrue(failure("path,effusion\na.png,yes\n").getMessage().contains("value 'yes'"));
    assertTrue(failure("path,Effusion,effusion\na.png,1,1\n").getMessage().contains("appears twice"));
  }

  @Test
  void missingPathColumnIsNamed() {
    ManifestException e = failure("file,effusion\na.png,1\n");
    assertTrue(e.getMessage().contains("no 'path' column"), e.getMessage());
    assertTrue(e.getMessage().contains("m.csv line 1"), e.getMessage());
  }

  @Test
  void badLabelValueNamesLineColumnAndValue() {
    StringBuilder text = new StringBuilder("path,effusion,nodule\n");
    for (int i = 2; i < 17; i++) {
      text.append("img").append(i).append(".png,0,1\n");
    }
    text.append("img17.png,2,0\n");
    ManifestException e = failure(text.toString());
    assertEquals(17, e.line());
    assertTrue(e.getMessage().contains("line 17: column 'effusion' has value '2'"), e.getMessage());
    assertTrue(e.getMessage().contains("expected 1"), e.getMessage());
  }

  @Test
  void duplicatePathNamesBothLines() {
    ManifestException e = failure("path,effusion\na.png,1\nb.png,0\na.png,0\n");
    assertEquals(4, e.line());
    assertTrue(e.getMessage().contains("duplicate path 'a.png' (already on line 2)"), e.getMessage());
  }

  @Test
  void otherMalformedRowsAreReportedWithTheirLine() {
    assertEquals(3, failure("path,effusion\na.png,1\nb.png\n").line(), "too few fields");
    assertTrue(failure("path,effusion\na.png,1,7\n").getMessage().contains("has 3 fields but the header has 2"));
    assertTrue(failure("path,effusion\n,1\n").getMessage().contains("'path' cell is empty"));
    assertTrue(failure("path,split\na.png,training\n").getMessage().contains("split 'training' is not train, val or test"));
    assertTrue(failure("path,path\na.png,b.png\n").getMessage().contains("column 'path' appears twice"));
    assertTrue(failure("path,effusion\n\"a.png,1\n").getMessage().contains("never closed"));
    assertTrue(failure("path,effusion\n\"a\"b.png,1\n").getMessage().contains("after a closing quote"));
    assertTrue(failure("").getMessage().contains("is empty"));
    ManifestException patient = failure("path,patient_id,split\na.png,p1,train\nb.png,p2,val\nc.png,p1,test\n");
    assertEquals(4, patient.line());
    assertTrue(patient.getMessage().contains("patient 'p1' is in split 'test' here but in 'train' on line 2"),
        patient.getMessage());
  }

  @Test
  void invalidUtf8IsReported() throws IOException {
    Path f = dir.resolve("latin1.csv");
    Files.write(f, new byte[] {'p', 'a', 't', 'h', '\n', (byte) 0xE9, '.', 'p', 'n', 'g', '\n'});
    ManifestException e = assertThrows(ManifestException.class, () -> ManifestReader.forFindings(FINDINGS).read(f));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }

  @Test
  void rowsWithoutSplitFollowTheirPatientOrTheHash() throws Exception {
    Manifest m = read("path,patient_id,split\na.png,p1,test\nb.png,p1,\nc.png,p2,\nd.png,,\n");
    assertEquals(SplitOrigin.MIXED, m.splitOrigin());
    assertEquals(Split.TEST, m.entries().get(1).split(), "a blank split takes the patient's explicit split");
    assertEquals(PatientSplitter.DEFAULT.assign("patient:p2"), m.entries().get(2).split());
    assertEquals(PatientSplitter.DEFAULT.assign("path:d.png"), m.entries().get(3).split(),
        "without a patient id the image is its own patient");
  }

  @Test
  void splitterIsDeterministicAndFollowsTheRatios() {
    PatientSplitter s = new PatientSplitter(new SplitRatios(0.6, 0.3, 0.1), "x");
    int[] counts = new int[3];
    for (int i = 0; i < 20000; i++) {
      Split a = s.assign("patient:" + i);
      assertEquals(a, s.assign("patient:" + i));
      counts[a.ordinal()]++;
    }
    assertEquals(0.6, counts[0] / 20000.0, 0.015);
    assertEquals(0.3, counts[1] / 20000.0, 0.015);
    assertEquals(0.1, counts[2] / 20000.0, 0.015);
    assertThrows(IllegalArgumentException.class, () -> new SplitRatios(0.8, 0.1, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new SplitRatios(1.1, -0.1, 0));
  }

  @Test
  void aCatalogueWhoseEveryFindingHasAColumnGetsNoFindingDerived() throws Exception {
    Path f = dir.resolve("fractures.csv");
    Files.writeString(f, "path,split,region,fracture\na.png,train,hand,1\nb.png,train,leg,0\nc.png,train,hip,\n");
    Manifest m = ManifestReader.forFindings(List.of("fracture")).read(f);
    assertEquals(Label.POSITIVE, m.entries().get(0).abnormalLabel(), "a fracture: abnormal");
    assertEquals(Label.POSITIVE, m.entries().get(1).label(Manifest.NO_FINDING), "no fracture: normal");
    assertEquals(Label.UNKNOWN, m.entries().get(2).abnormalLabel(), "unknown stays unknown");
    assertEquals("leg", m.entries().get(1).metadata().get("region"));
    Manifest partial = ManifestReader.forFindings(List.of("effusion", "nodule")).read(writeEffusionOnly());
    assertEquals(Label.UNKNOWN, partial.entries().get(0).label(Manifest.NO_FINDING),
        "without a column for every finding nothing says the image is normal");
  }

  private Path writeEffusionOnly() throws Exception {
    Path f = dir.resolve("effusion-only.csv");
    Files.writeString(f, "path,effusion\na.png,0\n");
    return f;
  }
}
