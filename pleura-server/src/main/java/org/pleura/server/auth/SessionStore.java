package org.pleura.server.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import org.pleura.server.db.Database;

/**
 * The {@code sessions} table: a random 256-bit token per sign-in, given to the browser in a cookie and stored
 * as its SHA-256. A session ends at sign-out, after {@link #ABSOLUTE} whatever the activity, after the idle time
 * of {@link SecuritySettings}, or when the user's password changes or the account is disabled.
 */
public final class SessionStore {

    /** Longest life of a session (one long shift). */
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    private static final long TOUCH_EVERY_MS = 60_000;

    /**
     * A session just opened.
     *
     * @param token   the cookie value (shown once, never stored)
     * @param session the stored session
     */
    public record Opened(String token, Session session) {
    }

    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    /** Opens a session for a user. */
    public Opened open(User user, long now) {
        String token = Secrets.token(32);
        String hash = Secrets.sha256(token);
        String csrf = Secrets.token(32);
        long expires = now + ABSOLUTE.toMillis();
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO sessions (token_hash, user_pk, csrf_token, "
                    + "created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, hash);
                s.setLong(2, user.pk());
                s.setString(3, csrf);
                s.setLong(4, now);
                s.setLong(5, now);
                s.setLong(6, expires);
                s.executeUpdate();
            }
            return null;
        });
        return new Opened(token, new Session(hash, user, csrf, now, now, expires));
    }

    /**
     * The live session of a cookie token, its last-seen time moved to {@code now}; empty if the token is unknown,
     * the session expired or went idle longer than {@code idle}, or the user is disabled.
     */
    public Optional<Session> find(String token, long now, Duration idle) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(token);
        Optional<Session> found = db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT user_pk, csrf_token, created_at, last_seen_at, "
                    + "expires_at FROM sessions WHERE token_hash = ?")) {
                s.setString(1, hash);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return Optional.<Session>empty();
                    }
                    long userPk = r.getLong(1);
                    String csrf = r.getString(2);
                    long created = r.getLong(3);
                    long seen = r.getLong(4);
                    long expires = r.getLong(5);
                    Optional<User> u = UserStore.byPk(c, userPk);
                    if (u.isEmpty()) {
                        return Optional.<Session>empty();
                    }
                    return Optional.of(new Session(hash, u.get(), csrf, created, seen, expires));
                }
            }
        });
        if (found.isEmpty()) {
            return found;
        }
        Session s = found.get();
        if (now >= s.expiresAt() || now - s.lastSeenAt() > idle.toMillis() || !s.user().active()) {
            end(token);
            return Optional.empty();
        }
        if (now - s.lastSeenAt() >= TOUCH_EVERY_MS) {
            db.transaction(c -> {
                try (PreparedStatement u = c.prepareStatement(
                        "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")) {
                    u.setLong(1, now);
                    u.setString(2, hash);
                    u.executeUpdate();
                }
                return null;
            });
            s = new Session(s.tokenHash(), s.user(), s.csrfToken(), s.createdAt(), now, s.expiresAt());
        }
        return Optional.of(s);
    }

    /** Ends the session of a cookie token (sign-out). */
    public void end(String token) {
        if (token == null || token.isEmpty()) {
            return;
        }
        String hash = Secrets.sha256(token);
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                s.setString(1, hash);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Ends every session of a user except, optionally, one (password change, account disabled). */
    public void endAll(long userPk, String exceptTokenHash) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM sessions WHERE user_pk = ? AND token_hash <> ?")) {
                s.setLong(1, userPk);
                s.setString(2, exceptTokenHash == null ? "" : exceptTokenHash);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Removes sessions past their absolute end or idle longer than {@code idle}. */
    public int purge(long now, Duration idle) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?")) {
                s.setLong(1, now);
                s.setLong(2, now - idle.toMillis());
                return s.executeUpdate();
            }
        });
    }

    /**
     * An open session, without its token.
     *
     * @param username   whose
     * @param createdAt  epoch ms
     * @param lastSeenAt epoch ms of its last request
     * @param expiresAt  epoch ms of its absolute end
     */
    public record Summary(String username, long createdAt, long lastSeenAt, long expiresAt) {
    }

    /** Open sessions, oldest first. */
    public java.util.List<Summary> list() {
        return db.read(c -> {
            java.util.List<Summary> out = new java.util.ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT u.username, s.created_at, s.last_seen_at, "
                    + "s.expires_at FROM sessions s JOIN users u ON u.pk = s.user_pk ORDER BY s.created_at");
                 java.sql.ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Summary(r.getString(1), r.getLong(2), r.getLong(3), r.getLong(4)));
                }
            }
            return out;
        });
    }

    /** Sessions of one user. */
    public int count(long userPk) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM sessions WHERE user_pk = ?")) {
                s.setLong(1, userPk);
                try (java.sql.ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }
}
