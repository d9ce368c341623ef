package org.pleura.model;

/** The steps of one detection, in order, for callers that time them. */
public enum DetectionStage {
    /** The image resized and standardised into the network's input. */
    PREPROCESS,
    /** The forward pass. */
    INFER,
    /** The feature gate between the forward pass and the calls. */
    FEATURE_CHECK,
    /** Scores, calls, maps and boxes. */
    POSTPROCESS
}
