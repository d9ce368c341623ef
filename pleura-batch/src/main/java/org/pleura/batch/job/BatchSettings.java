package org.pleura.batch.job;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.pleura.batch.analysis.AnalyzerSpec;

/**
 * What a batch does.
 *
 * @param inputs    folders, files, globs or manifest CSVs (paths or URIs Hadoop reads)
 * @param output    the output folder
 * @param analyzer  the models and how to run them
 * @param artefacts whether to write the per-image artefacts
 * @param chunk     files per committed chunk (a killed run loses at most one chunk of work)
 */
public record BatchSettings(List<String> inputs, Path output, AnalyzerSpec analyzer, boolean artefacts, int chunk) {

    public BatchSettings {
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(analyzer, "analyzer");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("at least one input");
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1");
        }
    }
}
