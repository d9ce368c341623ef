package org.pleura.server.auth;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pleura.server.db.Database;

/** The {@code api_tokens} table: tokens are shown once at creation and stored as their SHA-256. */
public final class ApiTokenStore {

    /** Every token starts with this, so a leaked one is recognisable (e.g. by secret scanners). */
    public static final String PREFIX = "plt_";
    private static final String COLUMNS = "pk, name, scopes, created_by, created_at, COALESCE(last_used_at, 0), "
            + "COALESCE(revoked_at, 0)";

    /**
     * A token just created.
     *
     * @param token the secret (shown once)
     * @param info  what is stored
     */
    public record Created(String token, ApiToken info) {
    }

    private final Database db;

    public ApiTokenStore(Database db) {
        this.db = db;
    }

    /**
     * Creates a token.
     *
     * @throws IllegalArgumentException for an empty name or unknown scope
     */
    public Created create(String name, Set<String> scopes, String createdBy, long now) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new IllegalArgumentException("a token needs a name of 1 to 100 characters");
        }
        Set<String> sc = new LinkedHashSet<>();
        for (String s : scopes) {
            if (!s.equals(ApiToken.STORE) && !s.equals(ApiToken.READ)) {
                throw new IllegalArgumentException("scope '" + s + "' is unknown: use store and/or read");
            }
            sc.add(s);
        }
        if (sc.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope: store and/or read");
        }
        String token = PREFIX + Secrets.token(32);
        long pk = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO api_tokens (name, token_hash, scopes, created_by, "
                    + "created_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, n);
                s.setString(2, Secrets.sha256(token));
                s.setString(3, String.join(",", sc));
                s.setString(4, createdBy);
                s.setLong(5, now);
                s.executeUpdate();
                try (ResultSet r = s.getGeneratedKeys()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
        return new Created(token, new ApiToken(pk, n, sc, createdBy, now, 0, 0));
    }

    /** The live token with this secret, its last use moved to {@code now}; empty if unknown or revoked. */
    public Optional<ApiToken> find(String token, long now) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Secrets.sha256(token);
        Optional<ApiToken> t = db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = ?")) {
                s.setString(1, hash);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(token(r)) : Optional.<ApiToken>empty();
                }
            }
        });
        if (t.isEmpty() || !t.get().live()) {
            return Optional.empty();
        }
        if (now - t.get().lastUsedAt() > 60_000) {
            db.transaction(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE pk = ?")) {
                    s.setLong(1, now);
                    s.setLong(2, t.get().pk());
                    s.executeUpdate();
                }
                return null;
            });
        }
        return t;
    }

    /** Every token, newest first. */
    public List<ApiToken> list() {
        return db.read(c -> {
            List<ApiToken> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT " + COLUMNS + " FROM api_tokens ORDER BY pk DESC")) {
                while (r.next()) {
                    out.add(token(r));
                }
            }
            return out;
        });
    }

    /** Revokes a token; false if there is none with this key or it was revoked already. */
    public boolean revoke(long pk, long now) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE api_tokens SET revoked_at = ? WHERE pk = ? AND revoked_at IS NULL")) {
                s.setLong(1, now);
                s.setLong(2, pk);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static ApiToken token(ResultSet r) throws SQLException {
        return new ApiToken(r.getLong(1), r.getString(2), new LinkedHashSet<>(Arrays.asList(r.getString(3).split(","))),
                r.getString(4), r.getLong(5), r.getLong(6), r.getLong(7));
    }
}
