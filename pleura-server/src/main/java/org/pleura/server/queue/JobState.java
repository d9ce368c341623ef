package org.pleura.server.queue;

import java.util.Locale;

/** Where a job is in its life. */
public enum JobState {
    /** Waiting for a worker (possibly until its next attempt time). */
    QUEUED,
    /** Held by a worker under a lease. */
    RUNNING,
    /** Finished with its effect recorded (or acknowledged by the destination). */
    DONE,
    /** Gave up: the error is recorded; it can be retried by hand. */
    FAILED,
    /** The input was refused (e.g. not a radiograph the model reads); not retried. */
    REFUSED;

    /** The value stored in the database ({@code queued}...). */
    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state stored as {@code value}. */
    public static JobState ofDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** True for done, failed and refused. */
    public boolean isFinal() {
        return this == DONE || this == FAILED || this == REFUSED;
    }
}
