package org.pleura.model.pkg;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code model.json}, a stable contract (snake_case field names in the file).
 *
 * @param formatVersion package format version (1)
 * @param id            model id, e.g. {@code pleura-chest}
 * @param version       model version, e.g. {@code 1.0.0}
 * @param catalogue     id of the finding catalogue the outputs refer to, e.g. {@code chest}
 * @param architecture  the network
 * @param preprocessing how images become input
 * @param outputs       finding ids in the order of the network's outputs; the catalogue's study-level id
 *                      ({@code abnormal}) is one of them
 * @param thresholds    per output id, the {@code positive} and {@code doubtful} operating points
 * @param training      provenance: data, command, seed, time, validation metrics (free-form)
 * @param weights       the weights file and its checksum (filled in when the package is written)
 * @param regionPrior   where findings can be on the image (boxes are drawn only there), or null for anywhere
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDescriptor(int formatVersion, String id, String version, String catalogue, Architecture architecture,
                              Preprocessing preprocessing, List<String> outputs, Map<String, FindingThresholds> thresholds,
                              Map<String, Object> training, WeightsInfo weights, RegionPrior regionPrior) {

    /** A descriptor without region prior. */
    public ModelDescriptor(int formatVersion, String id, String version, String catalogue, Architecture architecture,
                           Preprocessing preprocessing, List<String> outputs, Map<String, FindingThresholds> thresholds,
                           Map<String, Object> training, WeightsInfo weights) {
        this(formatVersion, id, version, catalogue, architecture, preprocessing, outputs, thresholds, training, weights,
                null);
    }

    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public ModelDescriptor {
        outputs = List.copyOf(outputs);
        thresholds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(thresholds));
        training = training == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(training));
    }

    /** A copy with other thresholds. */
    public ModelDescriptor withThresholds(Map<String, FindingThresholds> newThresholds) {
        return new ModelDescriptor(formatVersion, id, version, catalogue, architecture, preprocessing, outputs,
                newThresholds, training, weights, regionPrior);
    }

    /** A copy with other training provenance. */
    public ModelDescriptor withTraining(Map<String, Object> newTraining) {
        return new ModelDescriptor(formatVersion, id, version, catalogue, architecture, preprocessing, outputs,
                thresholds, newTraining, weights, regionPrior);
    }

    /** A copy with weights information. */
    public ModelDescriptor withWeights(WeightsInfo newWeights) {
        return new ModelDescriptor(formatVersion, id, version, catalogue, architecture, preprocessing, outputs,
                thresholds, training, newWeights, regionPrior);
    }
}
