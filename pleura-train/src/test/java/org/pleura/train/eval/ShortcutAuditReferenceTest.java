package org.pleura.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.train.manifest.Manifest;
import org.pleura.train.manifest.ManifestReader;
import org.pleura.train.testing.Python;

/**
 * Subgroup AUROCs and the shortcut audit against scikit-learn on a fixture whose shortcut is known: the source
 * decides most of the effusion labels (prevalence 70 % in one source, 10 % in another, 40 % in the third), the model
 * sees the finding about as well as the source predicts it, and the view is pure noise. Python recomputes every figure from the manifest, the
 * scores and the documented fold rule.
 */
class ShortcutAuditReferenceTest {

  @TempDir Path dir;

  private Path fixture() throws Exception {
    Random r = new Random(11);
    StringBuilder csv = new StringBuilder("path,patient_id,split,source,view,age,effusion,no_finding\n");
    StringBuilder scores = new StringBuilder();
    String[] sources = {"alpha", "beta", "gamma"};
    double[] prevalence = {0.7, 0.1, 0.4};
    for (int i = 0; i < 420; i++) {
      int s = r.nextInt(3);
      String patient = "p" + (i % 3 == 2 ? i - 1 : i); // every third image shares its patient with the one before
      boolean y = r.nextDouble() < prevalence[s];
      String view = r.nextBoolean() ? "AP" : "PA";
      int age = 5 + r.nextInt(90);
      double score = 1 / (1 + Math.exp(-((y ? 1.1 : 0) + r.nextGaussian())));
      csv.append("img").append(i).append(".png,").append(patient).append(",test,").append(sources[s]).append(',')
          .append(view).append(',').append(age).append(',').append(y ? 1 : 0).append(',').append(y ? 0 : 1)
          .append('\n');
      scores.append("img").append(i).append(".png,").append(score).append('\n');
    }
    Files.writeString(dir.resolve("m.csv"), csv);
    Files.writeString(dir.resolve("scores.csv"), scores);
    return dir.resolve("m.csv");
  }

  private EvaluationResult evaluate(Path m) throws Exception {
    Manifest manifest = ManifestReader.forFindings(List.of("effusion")).read(m);
    ScoreTable.Builder t = ScoreTable.builder(List.of("effusion", EvaluationInput.ABNORMAL));
    for (String line : Files.readAllLines(dir.resolve("scores.csv"))) {
      String[] f = line.split(",");
      double s = Double.parseDouble(f[1]);
      t.put(f[0], new double[] {s, s});
    }
    return Evaluator.evaluate(EvaluationInput.builder(new ModelSummary("fixture", "1", Map.of()), manifest,
        List.of("effusion"), t.build()).by(List.of("source", "view", "age"))
        .bootstrap(new BootstrapSettings(200, 1, true)).build());
  }

  @Test
  void subgroupAurocsAndTheAuditMatchScikitLearn() throws Exception {
    Python.assumeSklearn();
    Path m = fixture();
    EvaluationResult r = evaluate(m);
    String out = Python.run("""
        import sys, csv, numpy as np
        from sklearn.metrics import roc_auc_score
        from sklearn.preprocessing import OneHotEncoder
        from sklearn.linear_model import LogisticRegression
        rows = list(csv.DictReader(open(sys.argv[1])))
        score = {l.split(',')[0]: float(l.split(',')[1]) for l in open(sys.argv[2]).read().split()}
        def band(a):
            a = int(a)
            return '0-17' if a < 18 else '18-39' if a < 40 else '40-59' if a < 60 else '60-79' if a < 80 else '80+'
        for r in rows: r['age'] = band(r['age'])
        y = np.array([int(r['effusion']) for r in rows]); s = np.array([score[r['path']] for r in rows])
        order = {}
        fold = np.array([order.setdefault(r['patient_id'], len(order)) % 5 for r in rows])
        print('pooled', repr(float(roc_auc_score(y, s))))
        for col in ['source', 'view', 'age']:
            vals = np.array([r[col] for r in rows])
            for v in sorted(set(vals)):
                m = vals == v
                if 0 < y[m].sum() < m.sum():
                    print('group', col, v, repr(float(roc_auc_score(y[m], s[m]))))
            pred = np.zeros(len(y))
            for f in range(5):
                tr, te = fold != f, fold == f
                overall = y[tr].mean()
                for i in np.where(te)[0]:
                    g = tr & (vals == vals[i])
                    pred[i] = y[g].mean() if g.sum() else overall
            print('alone', col, repr(float(roc_auc_score(y, pred))))
        X = np.array([[r['source'], r['view'], r['age']] for r in rows])
        pred = np.zeros(len(y))
        for f in range(5):
            tr, te = fold != f, fold == f
            enc = OneHotEncoder(handle_unknown='ignore').fit(X[tr])
            lr = LogisticRegression(C=1.0, tol=1e-12, max_iter=100000).fit(enc.transform(X[tr]), y[tr])
            pred[te] = lr.predict_proba(enc.transform(X[te]))[:, 1]
        print('all', repr(float(roc_auc_score(y, pred))))
        """, List.of(m.toString(), dir.resolve("scores.csv").toString()));
    int checked = 0;
    for (String line : out.strip().split("\n")) {
      String[] f = line.split(" ");
      double expected = Double.parseDouble(f[f.length - 1]);
      switch (f[0]) {
        case "pooled" -> assertEquals(expected, r.findings().get(0).auroc().orElseThrow(), 1e-9, line);
        case "group" -> {
          SubgroupEvaluation s = r.subgroups().stream().filter(x -> x.grouping().column().equals(f[1]))
              .findFirst().orElseThrow();
          SubgroupEvaluation.Group g = s.groups().stream().filter(x -> x.value().equals(f[2])).findFirst().orElseThrow();
          assertEquals(expected, g.outputs().get("effusion").auroc().orElseThrow(), 1e-9, line);
        }
        case "alone" -> assertEquals(expected,
            r.audit().orElseThrow().outputs().get("effusion").byColumn().get(f[1]).orElseThrow(), 1e-9, line);
        case "all" -> assertEquals(expected, r.audit().orElseThrow().outputs().get("effusion").allColumns().orElseThrow(),
            1e-4, line);
        default -> throw new AssertionError(line);
      }
      checked++;
    }
    assertTrue(checked >= 13, out);
  }

  @Test
  void theKnownShortcutIsWarnedAboutAndTheNoiseColumnIsNot() throws Exception {
    EvaluationResult r = evaluate(fixture());
    ShortcutAudit a = r.audit().orElseThrow();
    double model = a.outputs().get("effusion").modelAuroc().orElseThrow();
    double source = a.outputs().get("effusion").byColumn().get("source").orElseThrow();
    double view = a.outputs().get("effusion").byColumn().get("view").orElseThrow();
    assertTrue(source > 0.7, "the source predicts the label: " + source);
    assertTrue(Math.abs(view - 0.5) < 0.1, "the view is noise: " + view);
    assertTrue(a.warnings().stream().anyMatch(w -> w.contains("'source' alone reaches")), a.warnings().toString());
    assertFalse(a.warnings().stream().anyMatch(w -> w.contains("'view' alone")), a.warnings().toString());
    assertTrue(model > 0.5, "the model's pooled AUROC " + model);
    SubgroupEvaluation.Worst worst = r.subgroups().get(0).worst().get("effusion");
    assertTrue(worst.auroc() < model, "a source is worse than pooled: " + worst);
    assertEquals(List.of("0-17", "18-39", "40-59", "60-79", "80+"),
        r.subgroups().get(2).groups().stream().map(SubgroupEvaluation.Group::value).toList(), "age is banded");
    String card = org.pleura.train.eval.report.ModelCardTestSection.render(r, "pleura evaluate --by source,view,age");
    assertTrue(card.contains("**Within `source`**") && card.contains("**Shortcut audit**"), card);
    assertTrue(card.contains("'source' alone reaches"), "the audit's warnings reach the model card");
  }
}
