package org.pleura.model.result;

/**
 * Which model produced a result: stamped on every artefact (JSON, SR, SC).
 *
 * @param id      model id, e.g. {@code pleura-chest}
 * @param version model version, e.g. {@code 1.0.0}
 */
public record ModelInfo(String id, String version) {
}
