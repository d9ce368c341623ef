package org.pleura.server.analysis;

import java.util.Objects;
import org.pleura.model.result.Analysis;

/**
 * What an {@link AnalysisService} made of one image, as the analysis job sees it: stored and sent, refused, failed
 * (retried or not) or waiting for a model. The pipeline's own result is
 * {@link org.pleura.results.pipeline.AnalysisOutcome}.
 */
public sealed interface AnalysisJobOutcome {

    /** Read by the model; the artefacts are ready to store and send. */
    record Analysed(Analysis analysis, ResultFiles artefacts) implements AnalysisJobOutcome {
        public Analysed {
            Objects.requireNonNull(analysis);
            Objects.requireNonNull(artefacts);
        }
    }

    /**
     * Not read: the input checks refused the image (e.g. not a frontal chest radiograph). Not retried.
     *
     * @param reason    why, for the user
     * @param artefacts what was produced anyway (e.g. a JSON saying why), possibly none
     */
    record Refused(String reason, ResultFiles artefacts) implements AnalysisJobOutcome {
        public Refused {
            Objects.requireNonNull(reason);
            Objects.requireNonNull(artefacts);
        }
    }

    /**
     * The analysis failed.
     *
     * @param reason    why
     * @param retryable true when trying again may help (e.g. out of memory), false for a broken file
     */
    record Failed(String reason, boolean retryable) implements AnalysisJobOutcome {
        public Failed {
            Objects.requireNonNull(reason);
        }
    }

    /** No model is installed: the job waits (it is not counted as an attempt). */
    record NoModel(String reason) implements AnalysisJobOutcome {
        public NoModel {
            Objects.requireNonNull(reason);
        }
    }
}
