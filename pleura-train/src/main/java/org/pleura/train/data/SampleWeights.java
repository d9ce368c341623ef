package org.pleura.train.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pleura.train.manifest.ManifestEntry;

/**
 * Label-by-group loss weights that take away what a group (e.g. the public subset an image comes from) says
 * about a label. For each output, images of a group in which the output has both classes are weighted so that
 * the group shows the output's pooled prevalence: positives by {@code pooled / group prevalence}, negatives by
 * {@code (1 - pooled) / (1 - group prevalence)}. A feature that only recognises the group then gains nothing
 * on that output. Groups with a single class for the output keep weight 1 (nothing can be balanced within
 * them). Weights are capped, then scaled so that each output's known labels weigh as many as they count.
 */
public final class SampleWeights {

    private SampleWeights() {
    }

    /**
     * @param entries the training images, in label-matrix row order
     * @param labels  their targets
     * @param column  the manifest column naming each image's group (images without a value form their own group)
     * @param cap     largest weight before scaling
     * @return a copy of {@code labels} whose mask holds the weights (0 still marks an unknown label)
     */
    public static LabelMatrix balancedWithin(List<ManifestEntry> entries, LabelMatrix labels, String column, double cap) {
        if (entries.size() != labels.rows()) {
            throw new IllegalArgumentException("one entry per label row needed");
        }
        if (!(cap >= 1)) {
            throw new IllegalArgumentException("cap must be at least 1: " + cap);
        }
        int k = labels.outputs().size();
        int rows = labels.rows();
        float[] weights = labels.mask().clone();
        Map<String, Integer> groupOf = new HashMap<>();
        int[] group = new int[rows];
        for (int r = 0; r < rows; r++) {
            String g = entries.get(r).metadata().getOrDefault(column, "");
            group[r] = groupOf.computeIfAbsent(g, x -> groupOf.size());
        }
        int groups = groupOf.size();
        for (int j = 0; j < k; j++) {
            double[] pos = new double[groups];
            double[] all = new double[groups];
            double pooledPos = 0;
            double pooledAll = 0;
            for (int r = 0; r < rows; r++) {
                int i = r * k + j;
                if (labels.mask()[i] == 0) {
                    continue;
                }
                all[group[r]]++;
                pooledAll++;
                if (labels.labels()[i] == 1) {
                    pos[group[r]]++;
                    pooledPos++;
                }
            }
            if (pooledAll == 0 || pooledPos == 0 || pooledPos == pooledAll) {
                continue;
            }
            double pooled = pooledPos / pooledAll;
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                int i = r * k + j;
                if (labels.mask()[i] == 0) {
                    continue;
                }
                int g = group[r];
                double p = pos[g] / all[g];
                double w = 1;
                if (p > 0 && p < 1) {
                    w = labels.labels()[i] == 1 ? pooled / p : (1 - pooled) / (1 - p);
                }
                weights[i] = (float) Math.min(cap, w);
                sum += weights[i];
            }
            double scale = pooledAll / sum;
            for (int r = 0; r < rows; r++) {
                int i = r * k + j;
                if (labels.mask()[i] != 0) {
                    weights[i] = (float) (weights[i] * scale);
                }
            }
        }
        return new LabelMatrix(labels.outputs(), labels.labels(), weights, rows, labels.patients());
    }
}
