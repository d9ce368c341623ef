package org.pleura.server.web;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.pleura.server.audit.AuditTrail;
import org.pleura.server.auth.ApiTokenStore;
import org.pleura.server.auth.FirstAdmin;
import org.pleura.server.auth.LoginService;
import org.pleura.server.auth.PasswordHasher;
import org.pleura.server.auth.SecuritySettings;
import org.pleura.server.auth.SessionStore;
import org.pleura.server.auth.UserStore;
import org.pleura.server.auth.api.AuthApi;
import org.pleura.server.auth.api.SessionAccessPolicy;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.db.Database;
import org.pleura.server.db.SettingsTable;
import org.pleura.server.feedback.FeedbackExport;
import org.pleura.server.feedback.FeedbackStore;
import org.pleura.server.http.AccessPolicy;
import org.pleura.server.http.RouteTable;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.Queries;
import org.pleura.server.worklist.Worklist;

/**
 * The reading room composed in one place: users, sessions and API tokens, the audit trail, feedback, the worklist
 * and viewer API, and the web pages. {@link org.pleura.server.PleuraServer} opens it once the database is up,
 * uses its {@link #accessPolicy()} for every route, and lets it {@link #register} its routes:
 *
 * <pre>{@code
 * ReadingRoom room = ReadingRoom.open(new ReadingRoom.Setup(config, db, dir, queries, System.getenv(), System.out));
 * HttpServer.start(port, room.accessPolicy(), metrics, routes -> { ...; room.register(routes); });
 * }</pre>
 */
public final class ReadingRoom implements AutoCloseable {

    /**
     * What the reading room is built on.
     *
     * @param config  the server's configuration (model package, worklist maximum wait)
     * @param db      the database (schema migrated)
     * @param dir     the data directory
     * @param queries the store's read queries
     * @param env     the environment ({@code PLEURA_ADMIN_PASSWORD} at the first start)
     * @param out     where the first admin's generated password is printed
     * @param clock   the time sessions, sign-in delays and the audit trail read
     */
    public record Setup(ServerConfig config, Database db, DataDirectory dir, Queries queries, Map<String, String> env,
                        PrintStream out, Clock clock) {
        /** On the system clock. */
        public Setup(ServerConfig config, Database db, DataDirectory dir, Queries queries, Map<String, String> env,
                     PrintStream out) {
            this(config, db, dir, queries, env, out, Clock.systemUTC());
        }

        public Setup {
            Objects.requireNonNull(clock);
            Objects.requireNonNull(config);
            Objects.requireNonNull(db);
            Objects.requireNonNull(dir);
            Objects.requireNonNull(queries);
            env = Map.copyOf(env);
            Objects.requireNonNull(out);
        }
    }

    private final UserStore users;
    private final AuditTrail audit;
    private final SecuritySettings settings;
    private final SessionAccessPolicy policy;
    private final AuthApi authApi;
    private final WorklistApi worklistApi;
    private final StudyApi studyApi;
    private final FeedbackApi feedbackApi;
    private final AuditApi auditApi;
    private final WebPages pages = new WebPages();
    private final WorklistEvents events;
    private final ModelCatalogue catalogue;
    private final ScheduledExecutorService housekeeping;

    private ReadingRoom(Setup s) {
        LongSupplier clock = s.clock()::millis;
        Database db = s.db();
        users = new UserStore(db);
        audit = new AuditTrail(db, clock);
        SettingsTable table = new SettingsTable(db);
        settings = new SecuritySettings(table);
        SessionStore sessions = new SessionStore(db);
        ApiTokenStore tokens = new ApiTokenStore(db);
        PasswordHasher hasher = new PasswordHasher();
        LoginService logins = new LoginService(users, sessions, hasher, settings, audit, clock);
        policy = new SessionAccessPolicy(sessions, tokens, users, logins, settings, clock);
        FirstAdmin.ensure(users, hasher, audit, s.env(), s.out(), clock.getAsLong());
        sessions.purge(clock.getAsLong(), settings.sessionIdle());
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pleura-sessions-purge");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                sessions.purge(clock.getAsLong(), settings.sessionIdle());
            } catch (RuntimeException e) {
                System.getLogger("org.pleura.server.web").log(System.Logger.Level.WARNING,
                        "could not remove ended sessions: " + e.getMessage());
            }
        }, 30, 30, TimeUnit.MINUTES);
        authApi = new AuthApi(users, sessions, tokens, logins, hasher, settings, policy, audit, clock,
                s.config().security().tlsOn());

        catalogue = ModelCatalogue.of(s.config().model());
        Worklist worklist = new Worklist(db);
        events = new WorklistEvents(worklist::stamp);
        worklistApi = new WorklistApi(worklist, events, catalogue, s.config().worklistMaxWait(), clock);
        FeedbackStore feedback = new FeedbackStore(db);
        studyApi = new StudyApi(s.queries(), s.dir(), feedback, audit);
        feedbackApi = new FeedbackApi(feedback, s.queries(), audit, catalogue::ids,
                id -> catalogue.findings().isEmpty() ? id.matches("[a-z][a-z0-9_]*") : catalogue.contains(id),
                () -> FeedbackExport.of(db, s.dir().root(), catalogue.ids(), clock.getAsLong()), clock);
        auditApi = new AuditApi(audit, clock);
    }

    /**
     * Opens the reading room: creates the first admin if there is no user yet.
     *
     * @throws IllegalArgumentException if {@code PLEURA_ADMIN_PASSWORD} is too weak for the first admin
     */
    public static ReadingRoom open(Setup setup) {
        return new ReadingRoom(setup);
    }

    /** Records every access to patient data (audited routes) in the audit trail. */
    public org.pleura.server.http.AccessLog accessLog() {
        return new org.pleura.server.auth.api.DataAccessAudit(audit);
    }

    /** The access policy checking every route: sessions, API tokens, roles. */
    public AccessPolicy accessPolicy() {
        return policy;
    }

    /** Registers the pages and the reading room's API. */
    public void register(RouteTable routes) {
        pages.register(routes);
        authApi.register(routes);
        worklistApi.register(routes);
        studyApi.register(routes);
        feedbackApi.register(routes);
        auditApi.register(routes);
    }

    /** The users (tests and tools create users here). */
    public UserStore users() {
        return users;
    }

    /** The audit trail. */
    public AuditTrail audit() {
        return audit;
    }

    /** The finding catalogue the pages show. */
    public ModelCatalogue catalogue() {
        return catalogue;
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        events.close();
    }
}
