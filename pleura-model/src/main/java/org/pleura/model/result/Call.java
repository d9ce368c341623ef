package org.pleura.model.result;

import java.util.Locale;

/**
 * The three-level call for one finding, from the model package's per-finding thresholds: {@code POSITIVE} at or
 * above the {@code positive} threshold, {@code DOUBTFUL} at or above the {@code doubtful} threshold,
 * {@code NEGATIVE} below. {@code NOT_VALIDATED} is the answer for a finding whose validation evidence was too weak
 * for the model to make calls on it: its score is shown, no call is made and nothing is drawn.
 */
public enum Call {
    POSITIVE, DOUBTFUL, NEGATIVE, NOT_VALIDATED;

    /** Whether this is a call a reader is asked to look at (positive or doubtful). */
    public boolean flags() {
        return this == POSITIVE || this == DOUBTFUL;
    }

    /**
     * The lower-case name used in JSON and on the command line ({@code positive}, {@code doubtful}, {@code negative},
     * {@code not_validated}).
     */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
