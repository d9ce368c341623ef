package org.pleura.results.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.pleura.model.result.HeatMap;

/**
 * The files one analysis produced, as bytes: the Analysis JSON (always), the overlay PNG, and for DICOM input the
 * Secondary Capture and the Structured Report as Part 10 files. Absent when the analysis was refused, the input
 * was not DICOM, or the artefact was not asked for.
 *
 * @param json     the Analysis JSON, UTF-8
 * @param overlay  the overlay PNG
 * @param sc       the DICOM Secondary Capture of the overlay
 * @param sr       the DICOM Comprehensive SR
 * @param heatMaps the detector's class activation map per output id (for a viewer), empty when refused
 */
public record Artefacts(byte[] json, Optional<byte[]> overlay, Optional<byte[]> sc, Optional<byte[]> sr,
                        Map<String, HeatMap> heatMaps) {

    public Artefacts {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(overlay, "overlay");
        Objects.requireNonNull(sc, "sc");
        Objects.requireNonNull(sr, "sr");
        heatMaps = Collections.unmodifiableMap(new LinkedHashMap<>(heatMaps));
    }

    /** Without heat maps. */
    public Artefacts(byte[] json, Optional<byte[]> overlay, Optional<byte[]> sc, Optional<byte[]> sr) {
        this(json, overlay, sc, sr, Map.of());
    }

    /** Only the JSON. */
    public static Artefacts jsonOnly(byte[] json) {
        return new Artefacts(json, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
