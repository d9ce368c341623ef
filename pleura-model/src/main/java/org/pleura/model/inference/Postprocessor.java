package org.pleura.model.inference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pleura.model.result.Call;
import org.pleura.model.result.DetectionResult;
import org.pleura.model.result.FindingResult;
import org.pleura.model.result.HeatMap;
import org.pleura.model.result.Region;
import org.pleura.model.catalogue.Finding;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.model.pkg.FindingThresholds;
import org.pleura.model.pkg.RegionPrior;

/**
 * Network output to findings: sigmoid scores, three-level calls from the package thresholds (no call for a finding
 * not validated for calls), one heat map per output (cut to the package's {@link RegionPrior} when it has one), and
 * boxes (from {@link BoxExtractor}) for findings called positive or doubtful. Results follow the catalogue's order
 * whatever the network's output order.
 */
public final class Postprocessor implements OutputInterpreter {

    private final FindingCatalogue catalogue;
    private final List<String> outputs;
    private final Map<String, FindingThresholds> thresholds;
    private final BoxExtractor boxes;
    private final RegionPrior prior;

    /**
     * @param catalogue  where findings are defined
     * @param outputs    finding ids in network output order (one is the catalogue's study-level id)
     * @param thresholds per output id
     * @param boxes      heat map to boxes
     */
    public Postprocessor(FindingCatalogue catalogue, List<String> outputs, Map<String, FindingThresholds> thresholds,
                         BoxExtractor boxes) {
        this(catalogue, outputs, thresholds, boxes, null);
    }

    /**
     * @param catalogue  where findings are defined
     * @param outputs    finding ids in network output order (one is the catalogue's study-level id)
     * @param thresholds per output id
     * @param boxes      heat map to boxes
     * @param prior      where findings can be (maps are cut to it), or null for anywhere
     */
    public Postprocessor(FindingCatalogue catalogue, List<String> outputs, Map<String, FindingThresholds> thresholds,
                         BoxExtractor boxes, RegionPrior prior) {
        this.prior = prior;
        this.catalogue = catalogue;
        this.outputs = List.copyOf(outputs);
        this.thresholds = Map.copyOf(thresholds);
        this.boxes = boxes;
        for (String id : outputs) {
            catalogue.get(id);
            if (!thresholds.containsKey(id)) {
                throw new IllegalArgumentException("no thresholds for output " + id);
            }
        }
    }

    /** The logistic function, numerically safe for large magnitudes. */
    public static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }

    /** The call for a score under a finding's thresholds. */
    public static Call call(double score, FindingThresholds t) {
        if (!t.validated()) {
            return Call.NOT_VALIDATED;
        }
        if (score >= t.positive().threshold()) {
            return Call.POSITIVE;
        }
        return score >= t.doubtful().threshold() ? Call.DOUBTFUL : Call.NEGATIVE;
    }

    /** Sets the cells outside the region prior to the map's lowest value (and at most 0): they never hold a box. */
    private void cut(float[] values, int w, int h) {
        if (prior == null) {
            return;
        }
        float low = 0;
        for (float v : values) {
            low = Math.min(low, v);
        }
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                if (!prior.allows((i + 0.5) / w, (j + 0.5) / h)) {
                    values[j * w + i] = low;
                }
            }
        }
    }

    @Override
    public DetectionResult interpret(NetworkOutput out, int sourceWidth, int sourceHeight) {
        return interpret(out.logits(), out.cams(), out.camWidth(), out.camHeight(), sourceWidth, sourceHeight);
    }

    /**
     * Interprets one image's output.
     *
     * @param logits       one per output
     * @param cams         {@code outputs x camHeight x camWidth} class activation values, row-major
     * @param camWidth     map columns
     * @param camHeight    map rows
     * @param sourceWidth  source image width in pixels (boxes are in these pixels)
     * @param sourceHeight source image height in pixels
     */
    public DetectionResult interpret(float[] logits, float[] cams, int camWidth, int camHeight, int sourceWidth,
                                     int sourceHeight) {
        int k = outputs.size();
        int cells = camWidth * camHeight;
        if (logits.length != k || cams.length != k * cells) {
            throw new IllegalArgumentException("network gave " + logits.length + " logits and " + cams.length
                    + " map values; expected " + k + " and " + k * cells);
        }
        Map<String, FindingResult> byId = new LinkedHashMap<>();
        Map<String, HeatMap> maps = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            String id = outputs.get(i);
            float[] values = new float[cells];
            System.arraycopy(cams, i * cells, values, 0, cells);
            cut(values, camWidth, camHeight);
            HeatMap map = new HeatMap(id, camWidth, camHeight, values, sourceWidth, sourceHeight);
            maps.put(id, map);
            double score = sigmoid(logits[i]);
            Call c = call(score, thresholds.get(id));
            boolean studyLevel = id.equals(catalogue.studyLevel().id());
            List<Region> regions = (!c.flags() || studyLevel) ? List.of() : boxes.boxes(map, score);
            byId.put(id, new FindingResult(catalogue.get(id), score, c, regions));
        }
        List<FindingResult> ordered = new ArrayList<>();
        for (Finding f : catalogue.findings()) {
            FindingResult r = byId.get(f.id());
            if (r != null) {
                ordered.add(r);
            }
        }
        Map<String, HeatMap> orderedMaps = new LinkedHashMap<>();
        for (FindingResult r : ordered) {
            orderedMaps.put(r.finding().id(), maps.get(r.finding().id()));
        }
        String study = catalogue.studyLevel().id();
        orderedMaps.put(study, maps.get(study));
        return new DetectionResult(ordered, byId.get(study), orderedMaps);
    }
}
