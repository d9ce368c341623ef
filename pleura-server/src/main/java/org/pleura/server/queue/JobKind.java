package org.pleura.server.queue;

import java.util.Locale;

/** What a job does. */
public enum JobKind {
    /** Analyse one received source image and store the artefacts. */
    ANALYZE,
    /** Send the SR and SC of one analysed image to one destination. */
    ROUTE;

    /** The value stored in the database ({@code analyze}, {@code route}). */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind stored as {@code value}. */
    public static JobKind ofDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
