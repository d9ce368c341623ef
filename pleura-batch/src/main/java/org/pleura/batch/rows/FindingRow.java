package org.pleura.batch.rows;

import java.io.Serializable;
import java.util.Objects;

/**
 * One finding of one image as one model read it (the {@code findings} table has one row per image, model and
 * finding, the study-level "abnormal" output included).
 *
 * @param modelId      the model's id, e.g. {@code pleura-chest}
 * @param modelVersion the model's version
 * @param findingId    the catalogue id, e.g. {@code nodule}
 * @param score        the score in [0, 1], exactly as {@code pleura analyze} gives it
 * @param call         {@code positive}, {@code doubtful}, {@code negative} or {@code not_validated}
 * @param regionsJson  the regions as a JSON array of {@code {x, y, w, h, score, call}} in source pixels
 * @param overlay      where the overlay PNG of this reading was written, or null when artefacts were not asked for
 */
public record FindingRow(String modelId, String modelVersion, String findingId, double score, String call,
                         String regionsJson, String overlay) implements Serializable {

    private static final long serialVersionUID = 1L;

    public FindingRow {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(findingId, "findingId");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(regionsJson, "regionsJson");
    }
}
