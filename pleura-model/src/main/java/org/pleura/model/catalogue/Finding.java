package org.pleura.model.catalogue;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of a finding catalogue: a stable id used everywhere (API, manifests, SR, UI), display names in
 * English and French, an urgency and the code a structured report uses.
 *
 * @param id      stable id, lower case with underscores, e.g. {@code pleural_thickening}
 * @param nameEn  English display name
 * @param nameFr  French display name
 * @param urgency how soon a positive call needs a reader
 * @param code    the concept code for structured reports
 */
public record Finding(String id, String nameEn, String nameFr, Urgency urgency, Code code) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    public Finding {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("finding id '" + id + "' must be lower case letters, digits and '_'");
        }
        if (nameEn == null || nameEn.isBlank() || nameFr == null || nameFr.isBlank()) {
            throw new IllegalArgumentException("finding '" + id + "' needs an English and a French name");
        }
        Objects.requireNonNull(urgency, "urgency of " + id);
        Objects.requireNonNull(code, "code of " + id);
    }

    /** The display name in a language ({@code fr} for French, English otherwise). */
    public String name(String language) {
        return "fr".equalsIgnoreCase(language) ? nameFr : nameEn;
    }
}
