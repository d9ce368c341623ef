package org.pleura.server.auth;

import java.util.Optional;

/** The languages of the user interface; French is the default (a French hospital). */
public enum Language {
    FR, EN;

    /** The default for new users. */
    public static final Language DEFAULT = FR;

    /** ISO 639-1 code, {@code fr} or {@code en}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The language with this code (any case), if offered. */
    public static Optional<Language> parse(String code) {
        for (Language l : values()) {
            if (l.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
