package org.pleura.results.pipeline;

/** The named steps of the pipeline, in order; each is timed. */
public enum Stage {
    /** Reading the file's bytes. */
    READ,
    /** Parsing the DICOM header and checking it (modality, body part, view, SOP class). */
    HEADER_CHECK,
    /** Decoding the pixels and applying the display pipeline (modality LUT, VOI, MONOCHROME1). */
    DECODE,
    /** Checking the picture (colour, size, shape, blank, saturated, noise). */
    PICTURE_CHECK,
    /** Resizing and standardising the image into the network's input. */
    PREPROCESS,
    /** The network's forward pass. */
    INFER,
    /** Comparing the model's features with those of its training images. */
    FEATURE_CHECK,
    /** Scores, calls, heat maps and boxes. */
    POSTPROCESS,
    /** The Analysis JSON. */
    JSON,
    /** Drawing the overlay picture. */
    OVERLAY,
    /** Encoding the overlay as PNG. */
    PNG,
    /** The DICOM Secondary Capture. */
    SECONDARY_CAPTURE,
    /** The DICOM Structured Report. */
    STRUCTURED_REPORT
}
