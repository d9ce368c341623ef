package org.pleura.server.auth;

import java.util.Objects;
import org.pleura.results.Language;

/**
 * A person who signs in.
 *
 * @param pk                database key
 * @param username          sign-in name (lower case)
 * @param displayName       name shown in the interface and the audit trail
 * @param role              what the user may do
 * @param language          interface language
 * @param active            false when an admin disabled the account (it cannot sign in)
 * @param failedLogins      consecutive failed sign-ins
 * @param lockedUntil       epoch ms until which sign-in is refused after too many failures (0 when not locked)
 * @param createdAt         epoch ms
 * @param passwordChangedAt epoch ms
 */
public record User(long pk, String username, String displayName, Role role, Language language, boolean active,
                   int failedLogins, long lockedUntil, long createdAt, long passwordChangedAt) {

    /** The interface language of new users: French (a French hospital). */
    public static final Language DEFAULT_LANGUAGE = Language.FR;

    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(language, "language");
    }

    /** True if sign-in is refused at {@code now} because of repeated failures. */
    public boolean lockedAt(long now) {
        return lockedUntil > now;
    }
}
