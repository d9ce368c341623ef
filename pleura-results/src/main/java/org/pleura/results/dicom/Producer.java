package org.pleura.results.dicom;

import java.util.Objects;
import org.pleura.dicom.UID;
import org.pleura.model.result.ModelInfo;

/**
 * Who made a result: the software (manufacturer, name, version) and the model (algorithm name and version),
 * stamped on every DICOM result (General Equipment, SC Equipment, the SR's device observer and algorithm
 * identification).
 *
 * @param manufacturer    e.g. "Pleura project"
 * @param software        e.g. "Pleura"
 * @param softwareVersion e.g. "0.1.0"
 * @param model           the model's id and version
 * @param deviceUid       the device observer UID of the SR (stable for a software and model version)
 */
public record Producer(String manufacturer, String software, String softwareVersion, ModelInfo model,
                       String deviceUid) {

    /** This software's version. */
    public static final String PLEURA_VERSION = "0.1.0";

    public Producer {
        Objects.requireNonNull(manufacturer);
        Objects.requireNonNull(software);
        Objects.requireNonNull(softwareVersion);
        Objects.requireNonNull(model);
        if (!UID.isValid(deviceUid)) {
            throw new IllegalArgumentException("device observer UID is not a valid UID: " + deviceUid);
        }
    }

    /** Pleura with a given model; the device UID is derived from the software and model versions. */
    public static Producer pleura(ModelInfo model) {
        return new Producer("Pleura project", "Pleura", PLEURA_VERSION, model,
                OutputUids.nameBased("pleura-device:" + PLEURA_VERSION + ":" + model.id() + ":" + model.version()));
    }

    /** The algorithm's name as stamped: "Pleura pleura-chest". */
    public String algorithmName() {
        return software + " " + model.id();
    }

    /** Software Versions values: the software's, then the model's. */
    public String[] softwareVersions() {
        return new String[] {software + " " + softwareVersion, model.id() + " " + model.version()};
    }
}
