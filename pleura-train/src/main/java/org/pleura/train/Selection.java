package org.pleura.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.pleura.train.data.LabelMatrix;
import org.pleura.train.eval.Auroc;
import org.pleura.train.eval.ScoredLabels;
import org.pleura.train.manifest.Label;
import org.pleura.train.manifest.ManifestEntry;

/**
 * The validation figure that chooses the epoch. Pooled: the mean AUROC over the findings. Within groups (e.g. the
 * public subset each image comes from): for each finding, the AUROC within every group that has at least
 * {@link #MIN_PER_CLASS} positives and negatives of it, then the mean (or the worst) over those groups, then the mean
 * over findings (a finding with no such group counts with its pooled AUROC). Within groups, a model cannot score by
 * recognising the group.
 */
final class Selection {

    /** Positives and negatives of a finding a group needs to count. */
    static final int MIN_PER_CLASS = 5;

    private final String column;
    private final boolean worst;
    private final String[] groups;
    private final String studyLevel;

    private Selection(String column, boolean worst, String[] groups, String studyLevel) {
        this.column = column;
        this.worst = worst;
        this.groups = groups;
        this.studyLevel = studyLevel;
    }

    /** The selection a configuration asks for, over these validation images. */
    static Selection of(TrainingConfig.Shortcuts shortcuts, List<ManifestEntry> val, String studyLevel) {
        String[] g = new String[val.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = shortcuts.selectBy().isEmpty() ? "" : val.get(i).metadata().getOrDefault(shortcuts.selectBy(), "");
        }
        return new Selection(shortcuts.selectBy(), shortcuts.selectWorst(), g, studyLevel);
    }

    /** What the figure is, in words. */
    String describe() {
        if (column.isEmpty()) {
            return "mean validation AUROC over the findings";
        }
        return String.format(Locale.ROOT, "mean over the findings of the %s validation AUROC within each '%s' group "
                + "with at least %d positives and %d negatives", worst ? "worst" : "mean", column, MIN_PER_CLASS,
                MIN_PER_CLASS);
    }

    /** The figure for validation scores {@code [image][output]}. */
    double score(double[][] scores, LabelMatrix labels) {
        List<String> outputs = labels.outputs();
        double sum = 0;
        int n = 0;
        OptionalDouble studyOnly = OptionalDouble.empty();
        for (int j = 0; j < outputs.size(); j++) {
            OptionalDouble v = column.isEmpty() ? Auroc.of(column(scores, labels, j, null)) : withinGroups(scores, labels, j);
            if (outputs.get(j).equals(studyLevel)) {
                studyOnly = v;
                continue;
            }
            if (v.isPresent()) {
                sum += v.getAsDouble();
                n++;
            }
        }
        return n > 0 ? sum / n : studyOnly.orElse(0.5);
    }

    /** Per output, the AUROC within each group that counts (empty map when selection is pooled). */
    Map<String, Map<String, Double>> byGroup(double[][] scores, LabelMatrix labels) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        if (column.isEmpty()) {
            return out;
        }
        for (int j = 0; j < labels.outputs().size(); j++) {
            Map<String, Double> g = new TreeMap<>();
            for (String group : distinct()) {
                ScoredLabels s = column(scores, labels, j, group);
                if (s.positives() >= MIN_PER_CLASS && s.negatives() >= MIN_PER_CLASS) {
                    Auroc.of(s).ifPresent(a -> g.put(group, a));
                }
            }
            out.put(labels.outputs().get(j), g);
        }
        return out;
    }

    private OptionalDouble withinGroups(double[][] scores, LabelMatrix labels, int output) {
        List<Double> values = new ArrayList<>();
        for (String group : distinct()) {
            ScoredLabels s = column(scores, labels, output, group);
            if (s.positives() >= MIN_PER_CLASS && s.negatives() >= MIN_PER_CLASS) {
                Auroc.of(s).ifPresent(values::add);
            }
        }
        if (values.isEmpty()) {
            return Auroc.of(column(scores, labels, output, null));
        }
        return OptionalDouble.of(worst ? values.stream().mapToDouble(Double::doubleValue).min().orElseThrow()
                : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }

    private List<String> distinct() {
        return java.util.Arrays.stream(groups).distinct().sorted().toList();
    }

    private ScoredLabels column(double[][] scores, LabelMatrix labels, int output, String group) {
        List<Label> l = new ArrayList<>();
        List<Double> s = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (group == null || group.equals(groups[i])) {
                l.add(labels.label(i, output));
                s.add(scores[i][output]);
            }
        }
        return ScoredLabels.of(s.stream().mapToDouble(Double::doubleValue).toArray(), l);
    }
}
