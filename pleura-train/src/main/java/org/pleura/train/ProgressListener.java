package org.pleura.train;

/** Hears about a training run as it goes; all methods default to doing nothing. */
public interface ProgressListener {

    /** Silent. */
    ProgressListener NONE = new ProgressListener() {
    };

    /** Something worth a line (data summary, resumed state, where the package went). */
    default void message(String text) {
    }

    /** Decoding images into the cache: {@code done} of {@code total}. */
    default void caching(int done, int total) {
    }

    /** A training step finished. */
    default void step(int epoch, int epochs, int batch, int batches, double loss, double imagesPerSecond) {
    }

    /** An epoch finished and was validated. */
    default void epoch(EpochReport report, int epochs) {
    }
}
