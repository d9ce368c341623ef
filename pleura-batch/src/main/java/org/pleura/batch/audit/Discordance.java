package org.pleura.batch.audit;

import java.util.Objects;

/**
 * An image the model flags for a finding that its report called negative.
 *
 * @param findingId        the finding
 * @param rank             1 for the highest score of this finding
 * @param score            the model's score
 * @param call             {@code positive} or {@code doubtful}
 * @param patientPseudonym the patient's pseudonym, or null
 * @param studyDate        the study date, or null
 * @param file             the image file
 * @param sopUid           its SOP Instance UID (DICOM), or null
 * @param modelId          the model that flags it
 * @param regionsJson      where the model sees the finding
 * @param overlay          the overlay PNG written by {@code pleura batch --artefacts}, or null
 */
public record Discordance(String findingId, int rank, double score, String call, String patientPseudonym,
                          String studyDate, String file, String sopUid, String modelId, String regionsJson,
                          String overlay) {

    public Discordance {
        Objects.requireNonNull(findingId);
        Objects.requireNonNull(file);
        Objects.requireNonNull(call);
    }
}
