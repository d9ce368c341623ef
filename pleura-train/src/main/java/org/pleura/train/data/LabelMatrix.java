package org.pleura.train.data;

import java.util.ArrayList;
import java.util.List;
import org.pleura.train.manifest.Label;
import org.pleura.train.manifest.ManifestEntry;

/**
 * The training targets of a set of images: for each image and output, a label (1 or 0) and a mask (1 where the
 * label is known, 0 where it is unknown and must not count). The study-level output is positive when
 * {@code no_finding} is 0 or any finding is positive, negative when {@code no_finding} is 1.
 *
 * @param outputs output ids in network order
 * @param labels  {@code rows x outputs} targets, row-major
 * @param mask    {@code rows x outputs} 1 where known
 * @param rows    number of images
 * @param patients the patient of each image ({@code ManifestEntry.patientKey()}), for bootstrap intervals that
 *                 draw a patient's images together
 */
public record LabelMatrix(List<String> outputs, float[] labels, float[] mask, int rows, List<String> patients) {

    public LabelMatrix {
        outputs = List.copyOf(outputs);
        patients = List.copyOf(patients);
        if (labels.length != rows * outputs.size() || mask.length != labels.length || patients.size() != rows) {
            throw new IllegalArgumentException("label matrix must be " + rows + " x " + outputs.size() + " with "
                    + rows + " patients");
        }
    }

    /** Every image its own patient. */
    public LabelMatrix(List<String> outputs, float[] labels, float[] mask, int rows) {
        this(outputs, labels, mask, rows, java.util.stream.IntStream.range(0, rows).mapToObj(i -> "image:" + i)
                .toList());
    }

    /** Targets for entries, with {@code studyLevelId} derived as described above. */
    public static LabelMatrix of(List<ManifestEntry> entries, List<String> outputs, String studyLevelId) {
        int k = outputs.size();
        float[] labels = new float[entries.size() * k];
        float[] mask = new float[labels.length];
        for (int r = 0; r < entries.size(); r++) {
            ManifestEntry e = entries.get(r);
            for (int j = 0; j < k; j++) {
                String id = outputs.get(j);
                Label l = id.equals(studyLevelId) ? studyLevel(e, outputs, studyLevelId) : e.label(id);
                if (l.isKnown()) {
                    mask[r * k + j] = 1;
                    labels[r * k + j] = l == Label.POSITIVE ? 1 : 0;
                }
            }
        }
        return new LabelMatrix(outputs, labels, mask, entries.size(),
                entries.stream().map(ManifestEntry::patientKey).toList());
    }

    private static Label studyLevel(ManifestEntry e, List<String> outputs, String studyLevelId) {
        Label l = e.abnormalLabel();
        if (l.isKnown()) {
            return l;
        }
        for (String id : outputs) {
            if (!id.equals(studyLevelId) && e.label(id) == Label.POSITIVE) {
                return Label.POSITIVE;
            }
        }
        return Label.UNKNOWN;
    }

    /** The label of one image for one output. */
    public Label label(int row, int output) {
        int i = row * outputs.size() + output;
        return mask[i] == 0 ? Label.UNKNOWN : labels[i] == 1 ? Label.POSITIVE : Label.NEGATIVE;
    }

    /** One output's labels for all images, in row order. */
    public List<Label> column(int output) {
        List<Label> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            out.add(label(r, output));
        }
        return out;
    }

    /** Known positives of an output. */
    public int positives(int output) {
        return (int) column(output).stream().filter(l -> l == Label.POSITIVE).count();
    }

    /** Known negatives of an output. */
    public int negatives(int output) {
        return (int) column(output).stream().filter(l -> l == Label.NEGATIVE).count();
    }

    /**
     * Per-output positive-class weights for the loss: negatives / positives, clamped to {@code [1, max]}, so a
     * rare finding's positives weigh as much in total as its negatives (1 when an output has no positive).
     */
    public float[] positiveWeights(double max) {
        float[] w = new float[outputs.size()];
        for (int j = 0; j < w.length; j++) {
            int p = positives(j);
            int n = negatives(j);
            w[j] = p == 0 ? 1f : (float) Math.max(1, Math.min(max, (double) n / p));
        }
        return w;
    }

    /** Rows {@code rows[i]} of the labels and mask, for a batch: {@code [labels, mask]}. */
    public float[][] gather(int[] rowIndices) {
        int k = outputs.size();
        float[] l = new float[rowIndices.length * k];
        float[] m = new float[l.length];
        for (int i = 0; i < rowIndices.length; i++) {
            System.arraycopy(labels, rowIndices[i] * k, l, i * k, k);
            System.arraycopy(mask, rowIndices[i] * k, m, i * k, k);
        }
        return new float[][] {l, m};
    }
}
