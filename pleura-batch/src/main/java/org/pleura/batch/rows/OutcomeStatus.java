package org.pleura.batch.rows;

import java.util.Locale;

/** What became of one image: read by a model or more, refused by every model's input checks, or failed. */
public enum OutcomeStatus {
    ANALYSED, REFUSED, FAILED;

    /** The value in the {@code status} column: {@code analysed}, {@code refused} or {@code failed}. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a column value. */
    public static OutcomeStatus ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
