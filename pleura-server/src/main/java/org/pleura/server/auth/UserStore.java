package org.pleura.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.pleura.results.Language;
import org.pleura.server.db.Database;

/** The {@code users} table. Password hashes never leave this class except for verification. */
public final class UserStore {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final String COLUMNS = "pk, username, display_name, role, language, active, failed_logins, "
            + "locked_until, created_at, password_changed_at";

    /**
     * A user with the stored password hash, for sign-in.
     *
     * @param user         the user
     * @param passwordHash the stored form of {@link PasswordHasher}
     */
    public record Credentials(User user, String passwordHash) {
    }

    /**
     * The outcome of counting one failed sign-in.
     *
     * @param failures    consecutive failures now
     * @param lockedUntil epoch ms of the end of the lock-out, 0 if not locked
     */
    public record Failure(int failures, long lockedUntil) {
    }

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    /**
     * The user name as stored (trimmed, lower case).
     *
     * @throws IllegalArgumentException if it has other characters than a-z, 0-9, '.', '_' and '-', or is not 2-64 long
     */
    public static String normalise(String username) {
        String u = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(u).matches()) {
            throw new IllegalArgumentException("user names are 2 to 64 characters: letters a-z, digits, '.', '_' "
                    + "or '-', starting with a letter or digit");
        }
        return u;
    }

    /** Number of users. */
    public long count() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM users")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /** Number of active admins. */
    public long activeAdmins() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT COUNT(*) FROM users WHERE role = 'admin' AND active = TRUE")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /**
     * Adds a user.
     *
     * @throws IllegalArgumentException if the name is taken or invalid
     */
    public User create(String username, String displayName, Role role, Language language, String passwordHash,
                       long now) {
        String name = normalise(username);
        String shown = displayName == null || displayName.isBlank() ? name : cut(displayName.strip(), 200);
        if (byUsername(name).isPresent()) {
            throw new IllegalArgumentException("user name '" + name + "' is already taken");
        }
        long pk = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO users (username, display_name, role, language, "
                    + "password_hash, active, failed_logins, locked_until, created_at, updated_at, "
                    + "password_changed_at) VALUES (?, ?, ?, ?, ?, TRUE, 0, 0, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setString(1, name);
                s.setString(2, shown);
                s.setString(3, role.jsonName());
                s.setString(4, language.code());
                s.setString(5, passwordHash);
                s.setLong(6, now);
                s.setLong(7, now);
                s.setLong(8, now);
                s.executeUpdate();
                try (ResultSet r = s.getGeneratedKeys()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
        return byPk(pk).orElseThrow();
    }

    /** The user with this name (normalised first), if any. */
    public Optional<User> byUsername(String username) {
        return credentials(username).map(Credentials::user);
    }

    /** The user and stored hash, if any (for sign-in and password changes). */
    public Optional<Credentials> credentials(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + ", password_hash FROM users "
                    + "WHERE username = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Credentials(user(r), r.getString(11))) : Optional.empty();
                }
            }
        });
    }

    /** The user with this key, if any. */
    public Optional<User> byPk(long pk) {
        return db.read(c -> byPk(c, pk));
    }

    static Optional<User> byPk(Connection c, long pk) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE pk = ?")) {
            s.setLong(1, pk);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(user(r)) : Optional.empty();
            }
        }
    }

    /** Every user, by name. */
    public List<User> list() {
        return db.read(c -> {
            List<User> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT " + COLUMNS + " FROM users ORDER BY username")) {
                while (r.next()) {
                    out.add(user(r));
                }
            }
            return out;
        });
    }

    /** Changes name, role, language and whether the account is active. */
    public User update(long pk, String displayName, Role role, Language language, boolean active, long now) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE users SET display_name = ?, role = ?, language = ?, "
                    + "active = ?, updated_at = ? WHERE pk = ?")) {
                s.setString(1, cut(displayName.strip(), 200));
                s.setString(2, role.jsonName());
                s.setString(3, language.code());
                s.setBoolean(4, active);
                s.setLong(5, now);
                s.setLong(6, pk);
                s.executeUpdate();
            }
            return null;
        });
        return byPk(pk).orElseThrow();
    }

    /** Changes the interface language. */
    public void setLanguage(long pk, Language language, long now) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE users SET language = ?, updated_at = ? WHERE pk = ?")) {
                s.setString(1, language.code());
                s.setLong(2, now);
                s.setLong(3, pk);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Stores a new password hash and clears any lock-out. */
    public void setPassword(long pk, String passwordHash, long now) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE users SET password_hash = ?, password_changed_at = ?, "
                    + "updated_at = ?, failed_logins = 0, locked_until = 0 WHERE pk = ?")) {
                s.setString(1, passwordHash);
                s.setLong(2, now);
                s.setLong(3, now);
                s.setLong(4, pk);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Replaces the hash after a successful sign-in with an old work factor (the password is unchanged). */
    public void rehash(long pk, String passwordHash) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE users SET password_hash = ? WHERE pk = ?")) {
                s.setString(1, passwordHash);
                s.setLong(2, pk);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Counts a failed sign-in; at {@code maxFailures} consecutive failures the account is locked until
     * {@code now + lockMillis} and the count starts again.
     */
    public Failure recordFailure(long pk, long now, int maxFailures, long lockMillis) {
        return db.transaction(c -> {
            int failures;
            try (PreparedStatement s = c.prepareStatement("SELECT failed_logins FROM users WHERE pk = ? FOR UPDATE")) {
                s.setLong(1, pk);
                try (ResultSet r = s.executeQuery()) {
                    failures = r.next() ? r.getInt(1) + 1 : 1;
                }
            }
            long until = 0;
            if (failures >= maxFailures) {
                until = now + lockMillis;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE users SET failed_logins = ?, locked_until = ? WHERE pk = ?")) {
                s.setInt(1, until > 0 ? 0 : failures);
                s.setLong(2, until);
                s.setLong(3, pk);
                s.executeUpdate();
            }
            return new Failure(failures, until);
        });
    }

    /** Clears the failure count and any lock-out (successful sign-in, or an admin unlocking). */
    public void clearFailures(long pk) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE users SET failed_logins = 0, locked_until = 0 WHERE pk = ?")) {
                s.setLong(1, pk);
                s.executeUpdate();
            }
            return null;
        });
    }

    private static User user(ResultSet r) throws SQLException {
        return new User(r.getLong(1), r.getString(2), r.getString(3), Role.parse(r.getString(4)).orElse(Role.CLINICIAN),
                Language.find(r.getString(5)).orElse(User.DEFAULT_LANGUAGE), r.getBoolean(6), r.getInt(7), r.getLong(8),
                r.getLong(9), r.getLong(10));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
