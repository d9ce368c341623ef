package org.pleura.server.analysis;

import java.util.Optional;
import org.pleura.model.result.ModelInfo;

/**
 * The analysis pipeline as the server sees it: one stored image in, a sealed outcome with its artefacts out.
 * Thread-safe: the analysis workers call it concurrently.
 *
 * <pre>{@code
 * try (AnalysisService analysis = PipelineAnalysisService.load(modelPath, workers)) {
 *     if (analysis.analyze(request) instanceof AnalysisJobOutcome.Analysed a) {
 *         store(a.artefacts());
 *     }
 * }
 * }</pre>
 */
public interface AnalysisService extends AutoCloseable {

    /** The model that reads, or empty when none is installed. */
    Optional<ModelInfo> model();

    /** Analyses one image; never throws for bad input (that is a {@link AnalysisJobOutcome.Refused} or Failed). */
    AnalysisJobOutcome analyze(AnalysisRequest request);

    @Override
    void close();

    /** The service when no model is installed: every analysis waits for one. */
    static AnalysisService none(String why) {
        return new AnalysisService() {
            @Override
            public Optional<ModelInfo> model() {
                return Optional.empty();
            }

            @Override
            public AnalysisJobOutcome analyze(AnalysisRequest request) {
                return new AnalysisJobOutcome.NoModel(why);
            }

            @Override
            public void close() {
            }
        };
    }
}
