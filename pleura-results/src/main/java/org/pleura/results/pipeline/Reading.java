package org.pleura.results.pipeline;

import java.util.Objects;
import org.pleura.model.result.Analysis;

/**
 * What one model made of an image it read: the analysis and its files.
 *
 * @param analysis  findings, calls, regions and warnings, naming the model
 * @param artefacts the files produced
 */
public record Reading(Analysis analysis, Artefacts artefacts) {

    public Reading {
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(artefacts, "artefacts");
    }
}
