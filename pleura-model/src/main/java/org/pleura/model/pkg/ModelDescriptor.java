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
 * @param task          {@value #CLASSIFICATION} (one logit per output, class activation maps show where) or
 *                      {@value #DETECTION} (boxes with scores; the finding's score is its best box's); null means
 *                      classification
 * @param input         which images the model reads (null: frontal chest radiographs)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDescriptor(int formatVersion, String id, String version, String catalogue, Architecture architecture,
                              Preprocessing preprocessing, List<String> outputs, Map<String, FindingThresholds> thresholds,
                              Map<String, Object> training, WeightsInfo weights, RegionPrior regionPrior, String task,
                              InputRules input) {

    /** A classification model's task. */
    public static final String CLASSIFICATION = "classification";
    /** A box detector's task. */
    public static final String DETECTION = "detection";

    /** A classification descriptor for frontal chest radiographs without region prior. */
    public ModelDescriptor(int formatVersion, String id, String version, String catalogue, Architecture architecture,
                           Preprocessing preprocessing, List<String> outputs, Map<String, FindingThresholds> thresholds,
                           Map<String, Object> training, WeightsInfo weights) {
        this(formatVersion, id, version, catalogue, architecture, preprocessing, outputs, thresholds, training, weights,
                null, null, null);
    }

    /** A classification descriptor for frontal chest radiographs. */
    public ModelDescriptor(int formatVersion, String id, String version, String catalogue, Architecture architecture,
                           Preprocessing preprocessing, List<String> outputs, Map<String, FindingThresholds> thresholds,
                           Map<String, Object> training, WeightsInfo weights, RegionPrior regionPrior) {
        this(formatVersion, id, version, catalogue, architecture, preprocessing, outputs, thresholds, training, weights,
                regionPrior, null, null);
    }

    /** The task, classification when the file does not say. */
    public String taskOrDefault() {
        return task == null ? CLASSIFICATION : task;
    }

    /** Whether the model draws boxes itself (a detector) rather than reading class activation maps. */
    public boolean detects() {
        return DETECTION.equals(task);
    }

    /** The input rules, frontal chest radiographs when the file has none. */
    public InputRules inputOrDefault() {
        return input == null ? InputRules.frontalChest() : input;
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
                newThresholds, training, weights, regionPrior, task, input);
    }

    /** A copy with other training provenance. */
    public ModelDescriptor withTraining(Map<String, Object> newTraining) {
        return new ModelDescriptor(formatVersion, id, version, catalogue, architecture, preprocessing, outputs,
                thresholds, newTraining, weights, regionPrior, task, input);
    }

    /** A copy with weights information. */
    public ModelDescriptor withWeights(WeightsInfo newWeights) {
        return new ModelDescriptor(formatVersion, id, version, catalogue, architecture, preprocessing, outputs,
                thresholds, training, newWeights, regionPrior, task, input);
    }
}
