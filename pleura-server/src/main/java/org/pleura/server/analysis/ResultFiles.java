package org.pleura.server.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pleura.model.result.HeatMap;

/**
 * The files an analysis produces, as bytes: the Analysis JSON, the overlay picture, and for DICOM input the
 * Secondary Capture and the Structured Report as Part 10 files (with UIDs derived from the source and the model):
 * what the server stores and routes. Made from the pipeline's {@link org.pleura.results.pipeline.Artefacts}.
 *
 * @param json    the Analysis JSON (docs/formats.md)
 * @param overlay the overlay PNG
 * @param sc      the DICOM Secondary Capture, Part 10
 * @param sr      the DICOM Structured Report, Part 10
 * @param heatMaps the model's class activation map per output id, kept for the viewer (empty if none)
 */
public record ResultFiles(Optional<byte[]> json, Optional<byte[]> overlay, Optional<byte[]> sc, Optional<byte[]> sr,
                        Map<String, HeatMap> heatMaps) {

    public ResultFiles {
        heatMaps = Collections.unmodifiableMap(new LinkedHashMap<>(heatMaps));
    }

    /** Without heat maps. */
    public ResultFiles(Optional<byte[]> json, Optional<byte[]> overlay, Optional<byte[]> sc, Optional<byte[]> sr) {
        this(json, overlay, sc, sr, Map.of());
    }

    /** No artefact. */
    public static ResultFiles none() {
        return new ResultFiles(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
