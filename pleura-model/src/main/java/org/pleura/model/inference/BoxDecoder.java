package org.pleura.model.inference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pleura.model.catalogue.Finding;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.result.Call;
import org.pleura.model.result.DetectionResult;
import org.pleura.model.result.FindingResult;
import org.pleura.model.result.HeatMap;
import org.pleura.model.result.Region;

/**
 * A detector's box maps to findings ({@link org.pleura.model.net.DetectionNetwork}): for each class, the cells whose
 * centre score (sigmoid of the centre logit) is a local maximum of its 3 x 3 neighbourhood and at least
 * {@link Settings#floor()} are candidate centres; each gives a box from the four box values at that cell (centre
 * offset inside the cell, log width and height in cells), mapped to source pixels; overlapping candidates (IoU
 * above {@link Settings#overlap()}) keep only the best (non-maximum suppression); at most {@link Settings#maxBoxes()}
 * remain. Each box gets its own call from the class's thresholds (solid when positive, dotted when doubtful); the
 * finding's score is its best box's and its call the best box's call; the study level takes the highest finding
 * score. Only called boxes become the finding's regions; every candidate stays in
 * {@link DetectionResult#candidates()} for box-level evaluation.
 */
public final class BoxDecoder implements OutputInterpreter {

    /**
     * How candidates are kept.
     *
     * @param floor    lowest centre score of a candidate
     * @param overlap  IoU above which the weaker of two boxes of a class is suppressed
     * @param maxBoxes most candidates per class
     */
    public record Settings(double floor, double overlap, int maxBoxes) {
        public Settings {
            if (!(floor > 0 && floor < 1) || !(overlap > 0 && overlap <= 1) || maxBoxes < 1) {
                throw new IllegalArgumentException("invalid box decoding settings: " + this);
            }
        }

        /** Centres from 0.02, suppression above IoU 0.3, at most 10 boxes per class. */
        public static Settings defaults() {
            return new Settings(0.02, 0.3, 10);
        }
    }

    private final FindingCatalogue catalogue;
    private final List<String> classes;
    private final String studyLevel;
    private final Map<String, FindingThresholds> thresholds;
    private final int inputSize;
    private final Settings settings;

    /**
     * @param catalogue  where findings are defined
     * @param outputs    the package's outputs: the classes in network order, then the study-level id
     * @param thresholds per output id, applied to box scores
     * @param inputSize  the network input side the maps cover
     * @param settings   candidate rules
     */
    public BoxDecoder(FindingCatalogue catalogue, List<String> outputs, Map<String, FindingThresholds> thresholds,
                      int inputSize, Settings settings) {
        this.catalogue = catalogue;
        this.studyLevel = catalogue.studyLevel().id();
        if (outputs.isEmpty() || !outputs.get(outputs.size() - 1).equals(studyLevel)) {
            throw new IllegalArgumentException("a detector's outputs end with the study level '" + studyLevel + "'");
        }
        this.classes = List.copyOf(outputs.subList(0, outputs.size() - 1));
        for (String id : outputs) {
            catalogue.get(id);
            if (!thresholds.containsKey(id)) {
                throw new IllegalArgumentException("no thresholds for output " + id);
            }
        }
        this.thresholds = Map.copyOf(thresholds);
        this.inputSize = inputSize;
        this.settings = settings;
    }

    @Override
    public DetectionResult interpret(NetworkOutput out, int sourceWidth, int sourceHeight) {
        int k = classes.size();
        int w = out.camWidth();
        int h = out.camHeight();
        int cells = w * h;
        if (out.cams().length != (k + 4) * cells) {
            throw new IllegalArgumentException("detector gave " + out.cams().length + " map values; expected "
                    + (k + 4) * cells + " (" + (k + 4) + " maps of " + w + "x" + h + ")");
        }
        float[] m = out.cams();
        double strideX = (double) inputSize / w;
        double strideY = (double) inputSize / h;
        double sx = (double) sourceWidth / inputSize;
        double sy = (double) sourceHeight / inputSize;
        Map<String, FindingResult> byId = new LinkedHashMap<>();
        Map<String, HeatMap> maps = new LinkedHashMap<>();
        Map<String, List<Region>> candidates = new LinkedHashMap<>();
        double best = 0;
        for (int c = 0; c < k; c++) {
            String id = classes.get(c);
            FindingThresholds t = thresholds.get(id);
            float[] heat = new float[cells];
            System.arraycopy(m, c * cells, heat, 0, cells);
            maps.put(id, new HeatMap(id, w, h, heat, sourceWidth, sourceHeight));
            List<Region> found = new ArrayList<>();
            double top = 0;
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    int p = j * w + i;
                    double score = Postprocessor.sigmoid(heat[p]);
                    top = Math.max(top, score);
                    if (score < settings.floor() || !localMaximum(heat, w, h, i, j)) {
                        continue;
                    }
                    double cx = (i + m[(k + 2) * cells + p]) * strideX;
                    double cy = (j + m[(k + 3) * cells + p]) * strideY;
                    double bw = Math.exp(clampLog(m[k * cells + p])) * strideX;
                    double bh = Math.exp(clampLog(m[(k + 1) * cells + p])) * strideY;
                    double x0 = Math.max(0, (cx - bw / 2) * sx);
                    double y0 = Math.max(0, (cy - bh / 2) * sy);
                    double x1 = Math.min(sourceWidth, (cx + bw / 2) * sx);
                    double y1 = Math.min(sourceHeight, (cy + bh / 2) * sy);
                    if (x1 <= x0 || y1 <= y0) {
                        continue;
                    }
                    found.add(new Region(x0, y0, x1 - x0, y1 - y0, score, Postprocessor.call(score, t)));
                }
            }
            List<Region> kept = suppress(found);
            candidates.put(id, kept);
            double score = kept.isEmpty() ? top : kept.get(0).score();
            best = Math.max(best, score);
            Call call = Postprocessor.call(score, t);
            List<Region> regions = call.flags() ? kept.stream().filter(r -> r.call().flags()).toList() : List.of();
            byId.put(id, new FindingResult(catalogue.get(id), score, call, regions));
        }
        FindingResult abnormal = new FindingResult(catalogue.studyLevel(), best,
                Postprocessor.call(best, thresholds.get(studyLevel)), List.of());
        List<FindingResult> ordered = new ArrayList<>();
        for (Finding f : catalogue.findings()) {
            FindingResult r = byId.get(f.id());
            if (r != null) {
                ordered.add(r);
            }
        }
        return new DetectionResult(ordered, abnormal, maps, candidates);
    }

    private List<Region> suppress(List<Region> found) {
        found.sort(Comparator.comparingDouble(Region::score).reversed());
        List<Region> kept = new ArrayList<>();
        for (Region r : found) {
            if (kept.size() == settings.maxBoxes()) {
                break;
            }
            if (kept.stream().noneMatch(q -> q.iou(r) > settings.overlap())) {
                kept.add(r);
            }
        }
        return kept;
    }

    private static boolean localMaximum(float[] v, int w, int h, int i, int j) {
        float c = v[j * w + i];
        for (int dj = -1; dj <= 1; dj++) {
            for (int di = -1; di <= 1; di++) {
                int x = i + di;
                int y = j + dj;
                if ((di != 0 || dj != 0) && x >= 0 && y >= 0 && x < w && y < h && v[y * w + x] > c) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Keeps exp() of a log size finite: between 1/16 of a cell and 64 cells. */
    private static double clampLog(double v) {
        return Math.max(Math.log(1.0 / 16), Math.min(Math.log(64), v));
    }
}
