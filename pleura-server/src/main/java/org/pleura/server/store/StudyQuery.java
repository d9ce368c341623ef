package org.pleura.server.store;

import java.util.Objects;

/**
 * A search of studies (QIDO-RS and REST). Empty strings match everything.
 *
 * @param patientId       exact, or with {@code *} and {@code ?} wildcards
 * @param studyDateFrom   first date included, {@code YYYYMMDD}, or ""
 * @param studyDateTo     last date included, {@code YYYYMMDD}, or ""
 * @param accessionNumber exact, or with wildcards
 * @param studyUid        exact
 * @param limit           at most this many (1 to 1000)
 * @param offset          skip this many
 */
public record StudyQuery(String patientId, String studyDateFrom, String studyDateTo, String accessionNumber,
                         String studyUid, int limit, int offset) {

    /** Largest page. */
    public static final int MAX_LIMIT = 1000;

    public StudyQuery {
        patientId = Objects.requireNonNullElse(patientId, "");
        studyDateFrom = Objects.requireNonNullElse(studyDateFrom, "");
        studyDateTo = Objects.requireNonNullElse(studyDateTo, "");
        accessionNumber = Objects.requireNonNullElse(accessionNumber, "");
        studyUid = Objects.requireNonNullElse(studyUid, "");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + offset);
        }
    }

    /** Everything, first page of 100. */
    public static StudyQuery all() {
        return new StudyQuery("", "", "", "", "", 100, 0);
    }

    /**
     * Parses a DICOM date or date range: {@code 20240131}, {@code 20240101-20240131}, {@code -20240131} (up to),
     * {@code 20240101-} (from).
     *
     * @return {from, to}, either "" when open
     * @throws IllegalArgumentException when it is not a date or range
     */
    public static String[] dateRange(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return new String[]{"", ""};
        }
        int dash = t.indexOf('-');
        String from = dash < 0 ? t : t.substring(0, dash);
        String to = dash < 0 ? t : t.substring(dash + 1);
        for (String d : new String[]{from, to}) {
            if (!d.isEmpty() && !d.matches("\\d{8}")) {
                throw new IllegalArgumentException("StudyDate must be YYYYMMDD or a range YYYYMMDD-YYYYMMDD, got '"
                        + text + "'");
            }
        }
        if (from.isEmpty() && to.isEmpty()) {
            throw new IllegalArgumentException("StudyDate range needs at least one end, got '" + text + "'");
        }
        return new String[]{from, to};
    }
}
