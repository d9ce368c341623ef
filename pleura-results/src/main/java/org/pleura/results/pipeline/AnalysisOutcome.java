package org.pleura.results.pipeline;

import java.util.Objects;
import org.pleura.model.result.Analysis;
import org.pleura.model.check.InputVerdict;

/**
 * What the {@link Analyzer} made of one input: {@link Analyzed} (scores and artefacts), {@link Refused} (an input
 * check said the image is not a frontal chest radiograph of the kind the model reads: a reason and no score), or
 * {@link Failed} (the file could not be read, or the engine failed).
 *
 * <pre>{@code
 * AnalysisOutcome o = analyzer.analyze(file);
 * if (o instanceof AnalysisOutcome.Analyzed a) {
 *     show(a.analysis());
 * } else if (o instanceof AnalysisOutcome.Refused r) {
 *     warn(r.reason());
 * } else if (o instanceof AnalysisOutcome.Failed f) {
 *     error(f.source() + ": " + f.problem());
 * }
 * }</pre>
 */
public sealed interface AnalysisOutcome {

    /** The input's name (file name or label). */
    String source();

    /** How long each stage took. */
    StageTimes times();

    /**
     * The image was read by the model.
     *
     * @param source    the input's name
     * @param analysis  findings, calls, regions and warnings
     * @param artefacts the files produced
     * @param times     time per stage
     */
    record Analyzed(String source, Analysis analysis, Artefacts artefacts, StageTimes times) implements AnalysisOutcome {
        public Analyzed {
            Objects.requireNonNull(analysis);
            Objects.requireNonNull(artefacts);
        }
    }

    /**
     * An input check refused the image; no score is shown.
     *
     * @param source    the input's name
     * @param kind      which check refused it
     * @param reason    why, in words a user can act on
     * @param analysis  the analysis without scores, with the reason in its warnings (what the JSON says)
     * @param artefacts the JSON saying why
     * @param times     time per stage
     */
    record Refused(String source, InputVerdict.Kind kind, String reason, Analysis analysis, Artefacts artefacts,
                   StageTimes times) implements AnalysisOutcome {
        public Refused {
            Objects.requireNonNull(reason);
            Objects.requireNonNull(analysis);
        }
    }

    /**
     * The input could not be analysed.
     *
     * @param source    the input's name
     * @param problem   what went wrong (without the name)
     * @param retryable true when trying again may help (an engine or resource problem, not a bad file)
     * @param times     time per stage
     */
    record Failed(String source, String problem, boolean retryable, StageTimes times) implements AnalysisOutcome {
        public Failed {
            Objects.requireNonNull(problem);
        }
    }
}
