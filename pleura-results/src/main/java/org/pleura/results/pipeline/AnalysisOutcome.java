package org.pleura.results.pipeline;

import java.util.List;
import java.util.Objects;
import org.pleura.model.result.Analysis;
import org.pleura.model.check.InputVerdict;

/**
 * What the {@link Analyzer} made of one input: {@link Analyzed} (by one model or more: scores and artefacts of each),
 * {@link Refused} (the input checks said no model reads images like this one: the reasons and no score), or
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
     * The image was read by one model or more (each whose input rules and checks accepted it).
     *
     * @param source   the input's name
     * @param readings one per model that read it, in the order the models were loaded
     * @param times    time per stage
     */
    record Analyzed(String source, List<Reading> readings, StageTimes times) implements AnalysisOutcome {
        public Analyzed {
            readings = List.copyOf(readings);
            if (readings.isEmpty()) {
                throw new IllegalArgumentException("an analysed image has at least one reading");
            }
        }

        /** The image read by one model. */
        public Analyzed(String source, Analysis analysis, Artefacts artefacts, StageTimes times) {
            this(source, List.of(new Reading(analysis, artefacts)), times);
        }

        /** The first model's analysis (the only one when a single model read the image). */
        public Analysis analysis() {
            return readings.get(0).analysis();
        }

        /** The first model's artefacts. */
        public Artefacts artefacts() {
            return readings.get(0).artefacts();
        }
    }

    /**
     * The input checks refused the image for every model; no score is shown.
     *
     * @param source    the input's name
     * @param kind      which check refused it (for several models with different reasons, the first model's)
     * @param reason    why, in words a user can act on (each model's reason when several were loaded)
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
