package org.pleura.model;

/** Told when each {@link DetectionStage} of a detection is done (e.g. to time it). */
@FunctionalInterface
public interface DetectionStages {

    /** Listens to nothing. */
    DetectionStages NONE = stage -> { };

    /** A stage has just finished. */
    void done(DetectionStage stage);
}
