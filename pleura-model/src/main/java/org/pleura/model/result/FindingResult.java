package org.pleura.model.result;

import java.util.List;
import java.util.Objects;
import org.pleura.model.catalogue.Finding;

/**
 * What the model says about one finding on one image.
 *
 * @param finding the catalogue entry
 * @param score   the model's probability-like score in [0, 1]
 * @param call    positive, doubtful or negative from the package thresholds
 * @param regions where the finding is likely, in source-image pixels (empty for negative calls)
 */
public record FindingResult(Finding finding, double score, Call call, List<Region> regions) {

    public FindingResult {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(call, "call");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score of " + finding.id() + " must be in [0, 1]: " + score);
        }
        regions = List.copyOf(regions);
    }
}
