package org.pleura.server.auth;

import java.util.Optional;

/**
 * What a new password must be (NIST SP 800-63B and OWASP: length over composition rules): at least 10 characters,
 * at most 128, not the user name, and not a single repeated character.
 */
public final class PasswordPolicy {

    /** Shortest accepted password. */
    public static final int MIN_LENGTH = 10;
    /** Longest accepted password (PBKDF2 cost does not grow with it, this only bounds request sizes). */
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** Why {@code password} is refused for {@code username}, or empty when it is accepted. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("a password has at most " + MAX_LENGTH + " characters");
        }
        if (username != null && password.strip().equalsIgnoreCase(username.strip())) {
            return Optional.of("the password must not be the user name");
        }
        if (password.chars().distinct().count() == 1) {
            return Optional.of("the password must not repeat a single character");
        }
        return Optional.empty();
    }
}
