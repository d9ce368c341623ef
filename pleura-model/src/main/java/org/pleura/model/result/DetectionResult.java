package org.pleura.model.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the detector found on one image, from one forward pass.
 *
 * @param findings one result per finding the model reads, in catalogue order, with boxes for positive and
 *                 doubtful calls
 * @param abnormal the study-level result
 * @param heatMaps class activation map per output id (findings, then the study-level id); a detector's map of box
 *                 centres per finding
 * @param candidates per finding id, every box a detector considered (above a low floor, after suppression of
 *                   overlaps), called or not: what a box-level evaluation (FROC) ranks; empty for models without
 *                   boxes of their own
 */
public record DetectionResult(List<FindingResult> findings, FindingResult abnormal, Map<String, HeatMap> heatMaps,
                              Map<String, List<Region>> candidates) {

    public DetectionResult {
        findings = List.copyOf(findings);
        heatMaps = Collections.unmodifiableMap(new LinkedHashMap<>(heatMaps));
        Map<String, List<Region>> c = new LinkedHashMap<>();
        candidates.forEach((k, v) -> c.put(k, List.copyOf(v)));
        candidates = Collections.unmodifiableMap(c);
    }

    /** A result without box candidates (class activation maps). */
    public DetectionResult(List<FindingResult> findings, FindingResult abnormal, Map<String, HeatMap> heatMaps) {
        this(findings, abnormal, heatMaps, Map.of());
    }

    /** The result for a finding id, if the model reads it. */
    public Optional<FindingResult> finding(String id) {
        if (abnormal != null && abnormal.finding().id().equals(id)) {
            return Optional.of(abnormal);
        }
        return findings.stream().filter(r -> r.finding().id().equals(id)).findFirst();
    }

    /** The analysis value for an image, with the given warnings. */
    public Analysis toAnalysis(String imageId, ModelInfo model, List<String> warnings) {
        return new Analysis(imageId, model, abnormal, findings, warnings);
    }
}
