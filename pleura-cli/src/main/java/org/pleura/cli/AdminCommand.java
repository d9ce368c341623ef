package org.pleura.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pleura.server.admin.OperatorTool;
import org.pleura.server.audit.ChainCheck;
import org.pleura.server.auth.SessionStore;
import org.pleura.server.auth.User;
import org.pleura.server.config.ConfigResolver;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.config.Setting;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pleura admin}: the operator's way back in on a stopped server's database. Wiring only: the work is
 * {@link OperatorTool}; the settings resolve as for {@code pleura serve}.
 */
@Command(name = "admin", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Operator commands on the database of a stopped pleura serve (every change is audited).",
                "reset-password USER: a new password (PLEURA_NEW_PASSWORD, or generated and shown once); "
                        + "failed sign-ins cleared, sessions ended.",
                "unlock USER: clears failed sign-ins and enables the account. end-sessions USER. sessions. users. "
                        + "verify-audit: checks the audit trail's hash chain."},
        footer = {"", "The data directory (and PostgreSQL's guard) is held by a running pleura serve: stop it first."})
public final class AdminCommand {

    /** Environment variable with the password for reset-password (command lines are visible to other users). */
    public static final String PASSWORD_ENV = "PLEURA_NEW_PASSWORD";

    /** Where the server's data is, as for pleura serve. */
    static final class Where {
        @Option(names = "--data", paramLabel = "DIR", scope = ScopeType.INHERIT, description = "pleura serve's data directory.")
        String data;

        @Option(names = "--db", paramLabel = "URL", scope = ScopeType.INHERIT, description = "JDBC URL (default: the embedded database).")
        String db;

        @Option(names = "--db-user", paramLabel = "USER", scope = ScopeType.INHERIT, description = "Database user.")
        String dbUser;

        @Option(names = "--db-password", paramLabel = "PASSWORD", scope = ScopeType.INHERIT, description = "Prefer PLEURA_DB_PASSWORD.")
        String dbPassword;

        @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "pleura serve's settings file.")
        Path config;

        ServerConfig resolve() {
            Map<Setting, List<String>> flags = new EnumMap<>(Setting.class);
            put(flags, Setting.DATA, data);
            put(flags, Setting.DB, db);
            put(flags, Setting.DB_USER, dbUser);
            put(flags, Setting.DB_PASSWORD, dbPassword);
            return ConfigResolver.resolve(flags, System.getenv(), Optional.ofNullable(config));
        }

        private static void put(Map<Setting, List<String>> f, Setting s, String v) {
            if (v != null) {
                f.put(s, List.of(v));
            }
        }
    }

    @Mixin
    Where where;

    @Spec
    CommandSpec spec;

    private OperatorTool open() throws IOException {
        return OperatorTool.open(where.resolve(), System.getProperty("user.name", "operator"), Clock.systemUTC());
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Command(name = "reset-password", description = "Set a new password; clears failed sign-ins and ends sessions.")
    int resetPassword(@Parameters(paramLabel = "USER") String user) throws IOException {
        try (OperatorTool t = open()) {
            Optional<String> given = Optional.ofNullable(System.getenv(PASSWORD_ENV)).filter(s -> !s.isEmpty());
            String pw = t.resetPassword(user, given);
            out().println("pleura admin: password of '" + user + "' reset; sessions ended");
            if (given.isEmpty()) {
                out().println("new password (shown once): " + pw);
            }
        }
        out().flush();
        return 0;
    }

    @Command(name = "unlock", description = "Clear failed sign-ins and enable the account.")
    int unlock(@Parameters(paramLabel = "USER") String user) throws IOException {
        try (OperatorTool t = open()) {
            User u = t.unlock(user);
            out().println("pleura admin: '" + u.username() + "' unlocked (" + u.role().jsonName() + ", active)");
        }
        out().flush();
        return 0;
    }

    @Command(name = "end-sessions", description = "End every session of a user.")
    int endSessions(@Parameters(paramLabel = "USER") String user) throws IOException {
        try (OperatorTool t = open()) {
            out().println("pleura admin: " + t.endSessions(user) + " session(s) of '" + user + "' ended");
        }
        out().flush();
        return 0;
    }

    @Command(name = "sessions", description = "List open sessions.")
    int sessions() throws IOException {
        try (OperatorTool t = open()) {
            for (SessionStore.Summary s : t.sessions()) {
                out().println(s.username() + "\tsince " + Instant.ofEpochMilli(s.createdAt()) + "\tlast seen "
                        + Instant.ofEpochMilli(s.lastSeenAt()) + "\tends " + Instant.ofEpochMilli(s.expiresAt()));
            }
        }
        out().flush();
        return 0;
    }

    @Command(name = "users", description = "List users.")
    int users() throws IOException {
        try (OperatorTool t = open()) {
            for (User u : t.users()) {
                out().println(u.username() + "\t" + u.role().jsonName() + "\t" + (u.active() ? "active" : "disabled")
                        + "\t" + u.failedLogins() + " failed sign-ins");
            }
        }
        out().flush();
        return 0;
    }

    @Command(name = "verify-audit", description = "Check the audit trail's hash chain (exit 1 when broken).")
    int verifyAudit() throws IOException {
        try (OperatorTool t = open()) {
            ChainCheck c = t.verifyAudit();
            out().println("pleura admin: audit trail " + (c.intact() ? "intact" : "BROKEN at event " + c.brokenAt())
                    + " (" + c.events() + " events, head " + c.head() + ")");
            out().println("a deleted tail leaves a valid chain: compare the count and head with a copy kept "
                    + "elsewhere (e.g. the last run of this command in the system log)");
            out().flush();
            return c.intact() ? 0 : 1;
        }
    }
}
