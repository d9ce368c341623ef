package org.pleura.results.pipeline;

/** The files an analysis can produce. */
public enum Artefact {
    /** The Analysis JSON (always produced). */
    JSON,
    /** The overlay PNG. */
    OVERLAY,
    /** The DICOM Secondary Capture of the overlay (DICOM input only). */
    SECONDARY_CAPTURE,
    /** The DICOM Structured Report (DICOM input only). */
    STRUCTURED_REPORT
}
