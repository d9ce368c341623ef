package org.pleura.server.admin;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditEntry;
import org.pleura.server.audit.AuditTrail;
import org.pleura.server.audit.ChainCheck;
import org.pleura.server.auth.PasswordHasher;
import org.pleura.server.auth.PasswordPolicy;
import org.pleura.server.auth.Secrets;
import org.pleura.server.auth.SessionStore;
import org.pleura.server.auth.User;
import org.pleura.server.auth.UserStore;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.db.Database;
import org.pleura.server.db.DatabaseException;
import org.pleura.server.store.DataDirectory;

/**
 * What {@code pleura admin} does, on the data directory and database of a stopped {@code pleura serve} (the
 * directory lock, and PostgreSQL's single-server guard, refuse while it runs: one program at a time).
 *
 * <pre>{@code
 * try (OperatorTool tool = OperatorTool.open(config, "root")) {
 *     String password = tool.resetPassword("admin", Optional.empty());   // generated, shown once
 * }
 * }</pre>
 */
public final class OperatorTool implements AutoCloseable {

    /** The role recorded in the audit trail for changes made from the command line. */
    public static final String ROLE = "operator";

    private final DataDirectory dir;
    private final Database db;
    private final UserStore users;
    private final SessionStore sessions;
    private final AuditTrail audit;
    private final Clock clock;
    private final String operator;

    private OperatorTool(DataDirectory dir, Database db, Clock clock, String operator) {
        this.dir = dir;
        this.db = db;
        this.clock = clock;
        this.operator = operator;
        this.users = new UserStore(db);
        this.sessions = new SessionStore(db);
        this.audit = new AuditTrail(db, clock::millis);
    }

    /**
     * Opens the data directory and database of {@code config}.
     *
     * @param operator the system user running the command (recorded in the audit trail)
     * @throws IOException       when the data directory is missing or in use by a running server
     * @throws DatabaseException when the database cannot be opened or a server holds it
     */
    public static OperatorTool open(ServerConfig config, String operator, Clock clock) throws IOException {
        if (!java.nio.file.Files.isDirectory(config.dataDir().resolve("instances"))) {
            throw new IOException("no pleura serve data directory at " + config.dataDir().toAbsolutePath()
                    + " (give --data DIR)");
        }
        DataDirectory dir;
        try {
            dir = DataDirectory.open(config.dataDir());
        } catch (IOException e) {
            throw new IOException(e.getMessage() + ": stop it first (pleura admin works on a stopped server)", e);
        }
        String url = config.dbUrl().isEmpty()
                ? "jdbc:h2:file:" + dir.databaseDirectory().resolve("pleura") + ";WRITE_DELAY=0" : config.dbUrl();
        try {
            return new OperatorTool(dir, Database.open(url, config.dbUser(), config.dbPassword(), 2), clock, operator);
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /**
     * Sets a user's password (the one given, or a generated one), clears their failed sign-ins and ends their
     * sessions.
     *
     * @return the new password
     * @throws IllegalArgumentException for an unknown user or a password the policy refuses
     */
    public String resetPassword(String username, Optional<String> password) {
        User u = user(username);
        String pw = password.filter(p -> !p.isEmpty()).orElseGet(Secrets::password);
        PasswordPolicy.problem(u.username(), pw).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        users.setPassword(u.pk(), new PasswordHasher().hash(pw.toCharArray()), clock.millis());
        sessions.endAll(u.pk(), null);
        record(AuditAction.USER_UPDATE, u.username(), "password reset from the command line ("
                + (password.isPresent() ? "given" : "generated") + "); failed sign-ins cleared; sessions ended");
        return pw;
    }

    /** Clears a user's failed sign-ins (and any lock left by an older version); re-activates a disabled account. */
    public User unlock(String username) {
        User u = user(username);
        users.clearFailures(u.pk());
        if (!u.active()) {
            users.update(u.pk(), u.displayName(), u.role(), u.language(), true, clock.millis());
        }
        record(AuditAction.USER_UPDATE, u.username(), "unlocked from the command line" + (u.active() ? ""
                : "; account enabled"));
        return users.byPk(u.pk()).orElseThrow();
    }

    /** Ends every session of a user; returns how many there were. */
    public int endSessions(String username) {
        User u = user(username);
        int n = sessions.count(u.pk());
        sessions.endAll(u.pk(), null);
        record(AuditAction.USER_UPDATE, u.username(), n + " session(s) ended from the command line");
        return n;
    }

    /** Open sessions, oldest first. */
    public List<SessionStore.Summary> sessions() {
        return sessions.list();
    }

    /** Every user. */
    public List<User> users() {
        return users.list();
    }

    /** Verifies the audit trail's hash chain. */
    public ChainCheck verifyAudit() {
        return audit.verify();
    }

    private User user(String username) {
        return users.byUsername(username).orElseThrow(() -> new IllegalArgumentException("no user '" + username
                + "'"));
    }

    private void record(AuditAction action, String target, String detail) {
        audit.record(new AuditEntry(operator, ROLE, action, target, detail, "local"));
    }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            dir.close();
        }
    }
}
