package org.pleura.train.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pleura.train.manifest.LabeledBox;
import org.pleura.train.manifest.ManifestEntry;

/**
 * Where the findings of training images are, from radiologists' boxes: per label-matrix row, the boxes of each
 * output in the image's pixels. The study-level output gets every box of the image (the whole abnormality). A box
 * only supervises a finding the image is labelled positive for.
 */
public final class BoxTargets {

    /** One box of one output, in pixels of the image as decoded. */
    public record Target(int output, double x, double y, double w, double h) {}

    private final Map<Integer, List<Target>> byRow;
    private final int boxes;

    private BoxTargets(Map<Integer, List<Target>> byRow, int boxes) {
        this.byRow = byRow;
        this.boxes = boxes;
    }

    /** No boxes at all. */
    public static BoxTargets none() {
        return new BoxTargets(Map.of(), 0);
    }

    /**
     * @param entries      the images, in label-matrix row order
     * @param labels       their targets
     * @param boxes        true boxes, paths spelled as in the manifest (or resolving to the same file)
     * @param studyLevelId the study-level output, which gets every box of its image
     * @return the boxes of positive findings, by row
     */
    public static BoxTargets of(List<ManifestEntry> entries, LabelMatrix labels, List<LabeledBox> boxes, String studyLevelId) {
        Map<String, List<LabeledBox>> byPath = new HashMap<>();
        for (LabeledBox b : boxes) {
            byPath.computeIfAbsent(b.path(), p -> new ArrayList<>()).add(b);
        }
        Map<Integer, List<Target>> out = new HashMap<>();
        int count = 0;
        List<String> outputs = labels.outputs();
        int study = outputs.indexOf(studyLevelId);
        for (int r = 0; r < entries.size(); r++) {
            List<LabeledBox> mine = byPath.get(entries.get(r).path());
            if (mine == null) {
                continue;
            }
            List<Target> t = new ArrayList<>();
            for (LabeledBox b : mine) {
                int j = outputs.indexOf(b.finding());
                if (j >= 0 && labels.labels()[r * outputs.size() + j] == 1 && labels.mask()[r * outputs.size() + j] > 0) {
                    t.add(new Target(j, b.x(), b.y(), b.w(), b.h()));
                    count++;
                }
                if (study >= 0) {
                    t.add(new Target(study, b.x(), b.y(), b.w(), b.h()));
                }
            }
            if (!t.isEmpty()) {
                out.put(r, List.copyOf(t));
            }
        }
        return new BoxTargets(Map.copyOf(out), count);
    }

    /** The boxes of a row (empty when it has none). */
    public List<Target> of(int row) {
        return byRow.getOrDefault(row, List.of());
    }

    /** Whether any row has a box. */
    public boolean isEmpty() {
        return byRow.isEmpty();
    }

    /** Rows with at least one box. */
    public int images() {
        return byRow.size();
    }

    /** Finding boxes (the study-level copies not counted). */
    public int boxes() {
        return boxes;
    }
}
