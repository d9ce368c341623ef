package org.pleura.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.train.testing.Python;

/**
 * AUROC and its bootstrap CI against scikit-learn and NumPy run by Debian's Python: the same data sets and,
 * for the CI, the very resample indices Pleura drew, so both must agree to rounding.
 */
class ReferenceImplementationTest {

  @TempDir Path dir;

  /** Generated sets covering ties, imbalance, tiny sizes and degenerate rankings. */
  private static Map<String, ScoredLabels> dataSets() {
    Map<String, ScoredLabels> sets = new LinkedHashMap<>();
    Random r = new Random(42);
    sets.put("ties_rounded_to_tenths", generate(r, 300, 0.3, 1.0, 10));
    sets.put("heavy_ties_three_levels", generate(r, 150, 0.5, 0.5, 2));
    sets.put("imbalanced_7_of_1000", generate(r, 1000, 0.007, 1.5, 0));
    sets.put("imbalanced_3_negatives", generate(r, 60, 0.95, 0.8, 0));
    sets.put("continuous_2000", generate(r, 2000, 0.2, 0.7, 0));
    sets.put("tiny_2", new ScoredLabels(new double[] {0.2, 0.7}, new boolean[] {true, false}));
    sets.put("tiny_3_tie", new ScoredLabels(new double[] {0.5, 0.5, 0.1}, new boolean[] {true, false, true}));
    sets.put("all_tied", new ScoredLabels(new double[] {0.3, 0.3, 0.3, 0.3, 0.3}, new boolean[] {true, false, false, true, false}));
    sets.put("perfect", new ScoredLabels(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {true, true, false, false}));
    sets.put("inverted", new ScoredLabels(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {false, false, true, true}));
    return sets;
  }

  /** Scores = sigmoid(shift * label + noise), optionally rounded to {@code levels} levels (0 = no rounding). */
  private static ScoredLabels generate(Random r, int n, double prevalence, double shift, int levels) {
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextDouble() < prevalence;
      double z = (y[i] ? shift : 0) + r.nextGaussian();
      s[i] = 1 / (1 + Math.exp(-z));
      if (levels > 0) {
        s[i] = Math.round(s[i] * levels) / (double) levels;
      }
    }
    if (!new ScoredLabels(s, y).hasBothClasses()) {
      y[0] = !y[0];
    }
    return new ScoredLabels(s, y);
  }

  private Path writeSet(String name, ScoredLabels d) throws IOException {
    Path f = dir.resolve(name + ".csv");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < d.size(); i++) {
      b.append(Double.toString(d.score(i))).append(',').append(d.isPositive(i) ? 1 : 0).append('\n');
    }
    Files.writeString(f, b);
    return f;
  }

  @Test
  void aurocMatchesSklearnRocAucScore() throws Exception {
    Python.assumeSklearn();
    Map<String, ScoredLabels> sets = dataSets();
    List<String> args = new ArrayList<>();
    for (var e : sets.entrySet()) {
      args.add(writeSet(e.getKey(), e.getValue()).toString());
    }
    String out = Python.run("""
        import sys, numpy as np
        from sklearn.metrics import roc_auc_score
        for f in sys.argv[1:]:
            d = np.loadtxt(f, delimiter=',', ndmin=2)
            print(repr(float(roc_auc_score(d[:, 1].astype(int), d[:, 0]))))
        """, args);
    String[] lines = out.strip().split("\n");
    assertEquals(sets.size(), lines.length, out);
    int k = 0;
    for (var e : sets.entrySet()) {
      double expected = Double.parseDouble(lines[k++]);
      double actual = Auroc.of(e.getValue()).orElseThrow();
      assertEquals(expected, actual, 1e-9, e.getKey());
      assertEquals(actual, RocCurve.of(e.getValue()).orElseThrow().area(), 1e-12, e.getKey() + ": ROC area");
    }
    assertEquals(0.5, Auroc.of(sets.get("all_tied")).orElseThrow());
    assertEquals(1.0, Auroc.of(sets.get("perfect")).orElseThrow());
    assertEquals(0.0, Auroc.of(sets.get("inverted")).orElseThrow());
  }

  @Test
  void oneClassHasNoAurocNoCurveAndNoInterval() {
    ScoredLabels onlyNegatives = new ScoredLabels(new double[] {0.1, 0.4}, new boolean[] {false, false});
    assertTrue(Auroc.of(onlyNegatives).isEmpty());
    assertTrue(RocCurve.of(onlyNegatives).isEmpty());
    assertTrue(BootstrapCi.auroc(onlyNegatives, BootstrapSettings.DEFAULT).isEmpty());
    assertTrue(Auroc.of(new ScoredLabels(new double[0], new boolean[0])).isEmpty());
  }

  @Test
  void bootstrapIntervalMatchesNumpyOnTheSameResamples() throws Exception {
    Python.assumeSklearn();
    Map<String, ScoredLabels> sets = dataSets();
    List<String> names = List.of("ties_rounded_to_tenths", "imbalanced_3_negatives", "tiny_3_tie");
    for (String name : names) {
      for (boolean stratified : new boolean[] {true, false}) {
        ScoredLabels d = sets.get(name);
        BootstrapSettings settings = new BootstrapSettings(1000, 99, stratified);
        int[][] idx = BootstrapCi.resampleIndices(d, settings);
        Path idxFile = dir.resolve(name + stratified + ".i32");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(idxFile))) {
          ByteBuffer buf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
          for (int[] row : idx) {
            for (int i : row) {
              buf.clear();
              out.write(buf.putInt(i).array());
            }
          }
        }
        String out = Python.run("""
            import sys, numpy as np
            from sklearn.metrics import roc_auc_score
            d = np.loadtxt(sys.argv[1], delimiter=',', ndmin=2)
            s, y = d[:, 0], d[:, 1].astype(int)
            idx = np.fromfile(sys.argv[2], dtype='<i4').reshape(-1, len(y))
            aucs = [roc_auc_score(y[r], s[r]) for r in idx if 0 < y[r].sum() < len(r)]
            lo, hi = np.percentile(aucs, [2.5, 97.5])
            print(repr(float(lo)), repr(float(hi)), len(aucs))
            """, List.of(writeSet(name, d).toString(), idxFile.toString()));
        String[] f = out.strip().split(" ");
        Interval ci = BootstrapCi.aurocFromIndices(d, idx).orElseThrow();
        String label = name + (stratified ? " stratified" : " plain");
        assertEquals(Double.parseDouble(f[0]), ci.lower(), 1e-9, label + " lower");
        assertEquals(Double.parseDouble(f[1]), ci.upper(), 1e-9, label + " upper");
        assertEquals(ci, BootstrapCi.auroc(d, settings).orElseThrow(), "the public entry uses the same resamples");
        if (stratified) {
          assertEquals(1000, Integer.parseInt(f[2]), "stratified resamples always keep both classes");
        }
      }
    }
  }

  @Test
  void bootstrapIntervalIsReproducibleCoversTheEstimateAndNarrowsWithMoreData() {
    Random r = new Random(5);
    ScoredLabels small = generate(r, 80, 0.3, 1.0, 0);
    ScoredLabels large = generate(r, 3000, 0.3, 1.0, 0);
    Interval a = BootstrapCi.auroc(small, BootstrapSettings.DEFAULT).orElseThrow();
    assertEquals(a, BootstrapCi.auroc(small, BootstrapSettings.DEFAULT).orElseThrow(), "fixed seed, same interval");
    assertFalse(a.equals(BootstrapCi.auroc(small, new BootstrapSettings(2000, 1, true)).orElseThrow()));
    double auc = Auroc.of(small).orElseThrow();
    assertTrue(a.lower() < auc && auc < a.upper(), a + " should contain " + auc);
    Interval b = BootstrapCi.auroc(large, BootstrapSettings.DEFAULT).orElseThrow();
    assertTrue(b.upper() - b.lower() < (a.upper() - a.lower()) / 3, "n=3000 interval " + b + " vs n=80 " + a);
  }

  /** Patients with 1 to 4 images each; a patient's images share its label and most of its score. */
  private static ScoredLabels patients(Random r, int patients, double prevalence, int copies) {
    List<Double> s = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    List<Integer> who = new ArrayList<>();
    for (int p = 0; p < patients; p++) {
      boolean pos = p == 0 || (p != 1 && r.nextDouble() < prevalence);
      double base = (pos ? 0.8 : 0) + r.nextGaussian();
      int n = copies > 0 ? copies : 1 + r.nextInt(4);
      for (int k = 0; k < n; k++) {
        double z = copies > 0 ? base : base + 0.3 * r.nextGaussian();
        s.add(1 / (1 + Math.exp(-z)));
        y.add(pos);
        who.add(p);
      }
    }
    boolean[] yy = new boolean[y.size()];
    for (int i = 0; i < yy.length; i++) {
      yy[i] = y.get(i);
    }
    return new ScoredLabels(s.stream().mapToDouble(Double::doubleValue).toArray(), yy,
        who.stream().mapToInt(Integer::intValue).toArray());
  }

  @Test
  void patientBootstrapMatchesNumpyOnTheSameResamples() throws Exception {
    Python.assumeSklearn();
    ScoredLabels d = patients(new Random(11), 70, 0.3, 0);
    assertTrue(d.patients() == 70 && d.size() > 100, d.toString());
    for (boolean stratified : new boolean[] {true, false}) {
      BootstrapSettings settings = new BootstrapSettings(1000, 99, stratified);
      int[][] idx = BootstrapCi.resampleIndices(d, settings);
      Path idxFile = dir.resolve("patients" + stratified + ".i32");
      try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(idxFile))) {
        ByteBuffer buf = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] row : idx) {
          buf.clear();
          out.write(buf.putInt(row.length).array());
          for (int i : row) {
            buf.clear();
            out.write(buf.putInt(i).array());
          }
        }
      }
      Path who = dir.resolve("patients.txt");
      Files.writeString(who, String.join("\n", java.util.Arrays.stream(d.patient()).mapToObj(Integer::toString)
          .toList()));
      String out = Python.run("""
          import sys, numpy as np
          from sklearn.metrics import roc_auc_score
          d = np.loadtxt(sys.argv[1], delimiter=',', ndmin=2)
          s, y = d[:, 0], d[:, 1].astype(int)
          patient = np.loadtxt(sys.argv[3], dtype=int)
          flat = np.fromfile(sys.argv[2], dtype='<i4')
          rows, k = [], 0
          while k < len(flat):
              n = flat[k]; rows.append(flat[k + 1:k + 1 + n]); k += 1 + n
          # every row is whole patients: a patient drawn k times brings k copies of all its images
          counts_ok = all(all(((patient[r] == p).sum() % (patient == p).sum()) == 0 for p in set(patient[r]))
                          for r in rows)
          aucs = [roc_auc_score(y[r], s[r]) for r in rows if 0 < y[r].sum() < len(r)]
          lo, hi = np.percentile(aucs, [2.5, 97.5])
          print(repr(float(lo)), repr(float(hi)), len(aucs), counts_ok)
          """, List.of(writeSet("patients", d).toString(), idxFile.toString(), who.toString()));
      String[] f = out.strip().split(" ");
      Interval ci = BootstrapCi.aurocFromIndices(d, idx).orElseThrow();
      String label = "patients" + (stratified ? " stratified" : " plain");
      assertEquals(Double.parseDouble(f[0]), ci.lower(), 1e-9, label + " lower");
      assertEquals(Double.parseDouble(f[1]), ci.upper(), 1e-9, label + " upper");
      assertEquals("True", f[3], label + ": each resampled patient brings all of its images");
      assertEquals(ci, BootstrapCi.auroc(d, settings).orElseThrow(), "the public entry uses the same resamples");
    }
  }

  @Test
  void copiesOfOnePatientDoNotNarrowTheInterval() {
    ScoredLabels once = patients(new Random(3), 60, 0.4, 1);
    ScoredLabels fiveTimes = patients(new Random(3), 60, 0.4, 5);
    boolean[] y = fiveTimes.positive();
    ScoredLabels fiveTimesAsIfIndependent = new ScoredLabels(fiveTimes.scores(), y);
    Interval a = BootstrapCi.auroc(once, BootstrapSettings.DEFAULT).orElseThrow();
    Interval b = BootstrapCi.auroc(fiveTimes, BootstrapSettings.DEFAULT).orElseThrow();
    Interval c = BootstrapCi.auroc(fiveTimesAsIfIndependent, BootstrapSettings.DEFAULT).orElseThrow();
    double wa = a.upper() - a.lower();
    double wb = b.upper() - b.lower();
    double wc = c.upper() - c.lower();
    assertEquals(wa, wb, 0.25 * wa, "five copies of each patient give the width of the patients themselves: " + a
        + " vs " + b);
    assertTrue(wc < 0.6 * wb, "counted as independent images, the copies would narrow the interval: " + c + " vs "
        + b);
  }
}
