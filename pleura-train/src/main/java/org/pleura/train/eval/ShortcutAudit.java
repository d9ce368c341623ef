package org.pleura.train.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.pleura.train.manifest.Label;
import org.pleura.train.manifest.ManifestEntry;

/**
 * Does the metadata alone predict the labels? For each output and each audited column, the AUROC of a score that
 * knows only the image's group in that column (the positive rate of the group among the other folds' images), and
 * of a logistic regression on all the columns together ({@link MetadataModel}, C = 1), both out of fold:
 * {@value #FOLDS} folds by patient, a patient's fold being the order of its first image among the evaluated ones
 * modulo {@value #FOLDS}. These sit beside the model's AUROC: when metadata comes within {@value #MARGIN} of the model,
 * the model's figure may measure the metadata (where an image comes from) rather than the finding. Together with the
 * model's AUROC within each group ({@link SubgroupEvaluation}), whose drops of more than {@value #MARGIN} below the
 * pooled figure are warned about too.
 *
 * @param columns the audited columns
 * @param outputs per output id
 * @param warnings every warning, in words
 */
public record ShortcutAudit(List<String> columns, Map<String, OutputAudit> outputs, List<String> warnings) {

  /** Cross-validation folds. */
  public static final int FOLDS = 5;
  /** How close metadata may come to the model, and how far a group may fall below pooled, before a warning. */
  public static final double MARGIN = 0.05;
  /** Inverse regularisation strength of the all-columns model. */
  public static final double C = 1.0;

  /** Copies. */
  public ShortcutAudit {
    columns = List.copyOf(columns);
    outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    warnings = List.copyOf(warnings);
  }

  /**
   * One output's audit.
   *
   * @param modelAuroc the model's pooled AUROC
   * @param byColumn per column, the out-of-fold AUROC of the group's positive rate
   * @param allColumns the out-of-fold AUROC of the logistic regression on every column
   */
  public record OutputAudit(OptionalDouble modelAuroc, Map<String, OptionalDouble> byColumn,
      OptionalDouble allColumns) {
    /** Copies. */
    public OutputAudit {
      byColumn = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byColumn));
    }
  }

  /**
   * @param entries the evaluated images
   * @param groupings the audited columns
   * @param outputs the output ids with how to read each image's label
   * @param modelAuroc the model's pooled AUROC per output
   * @param subgroups the model's figures within the groups, for the drop warnings
   * @param names display names per output
   */
  public static ShortcutAudit run(List<ManifestEntry> entries, List<Grouping> groupings,
      Map<String, Function<ManifestEntry, Label>> outputs, Map<String, OptionalDouble> modelAuroc,
      List<SubgroupEvaluation> subgroups, Map<String, String> names) {
    int[] fold = folds(entries);
    List<String[]> values = new ArrayList<>();
    for (ManifestEntry e : entries) {
      String[] v = new String[groupings.size()];
      for (int j = 0; j < v.length; j++) {
        v[j] = groupings.get(j).groupOf(e);
      }
      values.add(v);
    }
    Map<String, OutputAudit> out = new LinkedHashMap<>();
    List<String> warnings = new ArrayList<>();
    for (var o : outputs.entrySet()) {
      String id = o.getKey();
      List<Integer> rows = new ArrayList<>();
      List<Boolean> y = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        Label l = o.getValue().apply(entries.get(i));
        if (l.isKnown()) {
          rows.add(i);
          y.add(l == Label.POSITIVE);
        }
      }
      Map<String, OptionalDouble> byColumn = new LinkedHashMap<>();
      OptionalDouble all = OptionalDouble.empty();
      OptionalDouble model = modelAuroc.getOrDefault(id, OptionalDouble.empty());
      if (y.contains(true) && y.contains(false)) {
        for (int j = 0; j < groupings.size(); j++) {
          byColumn.put(groupings.get(j).column(), groupRateAuroc(rows, y, values, fold, j));
        }
        all = logisticAuroc(rows, y, values, fold);
      }
      out.put(id, new OutputAudit(model, byColumn, all));
      String name = names.getOrDefault(id, id);
      if (model.isPresent()) {
        for (var c : byColumn.entrySet()) {
          if (c.getValue().isPresent() && c.getValue().getAsDouble() >= model.getAsDouble() - MARGIN) {
            warnings.add(String.format(Locale.ROOT, "%s: '%s' alone reaches AUROC %.3f, within %.2f of the model's "
                + "%.3f: the pooled figure may measure where images come from", name, c.getKey(),
                c.getValue().getAsDouble(), MARGIN, model.getAsDouble()));
          }
        }
        if (groupings.size() > 1 && all.isPresent() && all.getAsDouble() >= model.getAsDouble() - MARGIN) {
          warnings.add(String.format(Locale.ROOT, "%s: the metadata together reach AUROC %.3f, within %.2f of the "
              + "model's %.3f", name, all.getAsDouble(), MARGIN, model.getAsDouble()));
        }
        for (SubgroupEvaluation s : subgroups) {
          for (SubgroupEvaluation.Group g : s.groups()) {
            SubgroupEvaluation.Figures f = g.outputs().get(id);
            if (f != null && f.enough() && f.auroc().isPresent()
                && f.auroc().getAsDouble() < model.getAsDouble() - MARGIN) {
              warnings.add(String.format(Locale.ROOT, "%s: within %s = %s the AUROC is %.3f, more than %.2f below "
                  + "the pooled %.3f", name, s.grouping().column(), g.value(), f.auroc().getAsDouble(), MARGIN,
                  model.getAsDouble()));
            }
          }
        }
      }
    }
    List<String> columns = groupings.stream().map(Grouping::column).toList();
    return new ShortcutAudit(columns, out, warnings);
  }

  /** Each image's fold: its patient's order of first appearance modulo {@link #FOLDS}. */
  static int[] folds(List<ManifestEntry> entries) {
    Map<String, Integer> order = new HashMap<>();
    int[] fold = new int[entries.size()];
    for (int i = 0; i < fold.length; i++) {
      int k = order.computeIfAbsent(entries.get(i).patientKey(), p -> order.size());
      fold[i] = k % FOLDS;
    }
    return fold;
  }

  private static OptionalDouble groupRateAuroc(List<Integer> rows, List<Boolean> y, List<String[]> values, int[] fold,
      int column) {
    double[] score = new double[rows.size()];
    for (int f = 0; f < FOLDS; f++) {
      Map<String, int[]> counts = new HashMap<>();
      int pos = 0;
      int all = 0;
      for (int k = 0; k < rows.size(); k++) {
        if (fold[rows.get(k)] == f) {
          continue;
        }
        int[] c = counts.computeIfAbsent(values.get(rows.get(k))[column], v -> new int[2]);
        c[0] += y.get(k) ? 1 : 0;
        c[1]++;
        pos += y.get(k) ? 1 : 0;
        all++;
      }
      double overall = all == 0 ? 0.5 : (double) pos / all;
      for (int k = 0; k < rows.size(); k++) {
        if (fold[rows.get(k)] != f) {
          continue;
        }
        int[] c = counts.get(values.get(rows.get(k))[column]);
        score[k] = c == null ? overall : (double) c[0] / c[1];
      }
    }
    return Auroc.of(new ScoredLabels(score, toArray(y)));
  }

  private static OptionalDouble logisticAuroc(List<Integer> rows, List<Boolean> y, List<String[]> values, int[] fold) {
    double[] score = new double[rows.size()];
    for (int f = 0; f < FOLDS; f++) {
      List<String[]> trainX = new ArrayList<>();
      List<Boolean> trainY = new ArrayList<>();
      for (int k = 0; k < rows.size(); k++) {
        if (fold[rows.get(k)] != f) {
          trainX.add(values.get(rows.get(k)));
          trainY.add(y.get(k));
        }
      }
      if (trainX.isEmpty()) {
        continue;
      }
      MetadataModel m = MetadataModel.fit(trainX, trainY, C);
      for (int k = 0; k < rows.size(); k++) {
        if (fold[rows.get(k)] == f) {
          score[k] = m.predict(values.get(rows.get(k)));
        }
      }
    }
    return Auroc.of(new ScoredLabels(score, toArray(y)));
  }

  private static boolean[] toArray(List<Boolean> y) {
    boolean[] out = new boolean[y.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = y.get(i);
    }
    return out;
  }
}
