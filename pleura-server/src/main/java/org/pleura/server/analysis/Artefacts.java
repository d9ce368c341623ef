package org.pleura.server.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pleura.model.result.HeatMap;

/**
 * The files an analysis produces, as bytes: the Analysis JSON, the overlay picture, and for DICOM input the
 * Secondary Capture and the Structured Report as Part 10 files (with UIDs derived from the source and the model).
 *
 * @param json    the Analysis JSON (DESIGN.md)
 * @param overlay the overlay PNG
 * @param sc      the DICOM Secondary Capture, Part 10
 * @param sr      the DICOM Structured Report, Part 10
 * @param heatMaps the model's class activation map per output id, kept for the viewer (empty if none)
 */
public record Artefacts(Optional<byte[]> json, Optional<byte[]> overlay, Optional<byte[]> sc, Optional<byte[]> sr,
                        Map<String, HeatMap> heatMaps) {

    public Artefacts {
        heatMaps = Collections.unmodifiableMap(new LinkedHashMap<>(heatMaps));
    }

    /** Without heat maps. */
    public Artefacts(Optional<byte[]> json, Optional<byte[]> overlay, Optional<byte[]> sc, Optional<byte[]> sr) {
        this(json, overlay, sc, sr, Map.of());
    }

    /** No artefact. */
    public static Artefacts none() {
        return new Artefacts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
