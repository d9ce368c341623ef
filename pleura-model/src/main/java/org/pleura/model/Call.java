package org.pleura.model;

import java.util.Locale;

/**
 * The three-level call for one finding, from the model package's per-finding thresholds: {@code POSITIVE} at or
 * above the {@code positive} threshold (chosen for a target specificity), {@code DOUBTFUL} at or above the
 * {@code doubtful} threshold (chosen for a target sensitivity), {@code NEGATIVE} below.
 */
public enum Call {
    POSITIVE, DOUBTFUL, NEGATIVE;

    /** The lower-case name used in JSON and on the command line ({@code positive}, {@code doubtful}, {@code negative}). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
