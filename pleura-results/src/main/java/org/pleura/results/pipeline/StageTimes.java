package org.pleura.results.pipeline;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How long each stage of one analysis took, in nanoseconds (stages not run are absent).
 *
 * @param nanos time per stage, in pipeline order
 */
public record StageTimes(Map<Stage, Long> nanos) {

    public StageTimes {
        nanos = Collections.unmodifiableMap(new EnumMap<>(nanos.isEmpty() ? new EnumMap<>(Stage.class) : nanos));
    }

    /** The time of a stage in nanoseconds, 0 if it did not run. */
    public long of(Stage stage) {
        return nanos.getOrDefault(stage, 0L);
    }

    /** The total of all stages in nanoseconds. */
    public long total() {
        return nanos.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A stopwatch that records stages one after the other. */
    static final class Recorder {
        private final EnumMap<Stage, Long> nanos = new EnumMap<>(Stage.class);
        private long last = System.nanoTime();

        /** Ends a stage: the time since the previous mark is added to it. */
        void mark(Stage stage) {
            long now = System.nanoTime();
            nanos.merge(stage, now - last, Long::sum);
            last = now;
        }

        /** Starts timing from now (discarding the time since the last mark). */
        void restart() {
            last = System.nanoTime();
        }

        StageTimes done() {
            return new StageTimes(nanos);
        }
    }
}
