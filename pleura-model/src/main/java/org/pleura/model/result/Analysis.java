package org.pleura.model.result;

import java.util.List;
import java.util.Objects;

/**
 * The complete reading of one image: the value behind the Analysis JSON of docs/formats.md
 * ({@code {image, model: {id, version}, abnormal, findings: [...], warnings: []}}): {@code abnormal} renders as
 * {@code abnormal.score()}, {@code findings} as {@code results}.
 *
 * @param imageId  the image's name or id as given by the caller
 * @param model    the model that read it
 * @param abnormal the study-level "any finding" result (score and call, no regions)
 * @param results  one result per finding the model reads, in catalogue order
 * @param warnings why the reading is limited or refused (e.g. not a frontal chest radiograph), empty if none
 */
public record Analysis(String imageId, ModelInfo model, FindingResult abnormal, List<FindingResult> results,
                       List<String> warnings) {

    public Analysis {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(model, "model");
        results = List.copyOf(results);
        warnings = List.copyOf(warnings);
    }
}
