package org.pleura.server.feedback;

import java.util.Locale;
import java.util.Optional;

/** The kinds of feedback a reader gives on one finding of one image. */
public enum FeedbackKind {
    /** The reader agrees with the model's call. */
    AGREE,
    /** The reader disagrees with the model's call. */
    DISAGREE,
    /** The reader saw a finding the model missed, and drew its box. */
    ADDED;

    /** Stored and JSON name, e.g. {@code agree}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind stored as {@code code}, if any. */
    public static Optional<FeedbackKind> parse(String code) {
        for (FeedbackKind k : values()) {
            if (k.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
