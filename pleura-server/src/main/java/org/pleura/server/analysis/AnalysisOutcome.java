package org.pleura.server.analysis;

import java.util.Objects;
import org.pleura.model.result.Analysis;

/** What an {@link AnalysisService} made of one image. */
public sealed interface AnalysisOutcome {

    /** Read by the model; the artefacts are ready to store and send. */
    record Analysed(Analysis analysis, Artefacts artefacts) implements AnalysisOutcome {
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
    record Refused(String reason, Artefacts artefacts) implements AnalysisOutcome {
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
    record Failed(String reason, boolean retryable) implements AnalysisOutcome {
        public Failed {
            Objects.requireNonNull(reason);
        }
    }

    /** No model is installed: the job waits (it is not counted as an attempt). */
    record NoModel(String reason) implements AnalysisOutcome {
        public NoModel {
            Objects.requireNonNull(reason);
        }
    }
}
