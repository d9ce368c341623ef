package org.pleura.server.auth.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.pleura.results.Language;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditTrail;
import org.pleura.server.auth.Access;
import org.pleura.server.auth.ApiToken;
import org.pleura.server.auth.ApiTokenStore;
import org.pleura.server.auth.LoginOutcome;
import org.pleura.server.auth.LoginService;
import org.pleura.server.auth.PasswordHasher;
import org.pleura.server.auth.PasswordPolicy;
import org.pleura.server.auth.Principal;
import org.pleura.server.auth.Role;
import org.pleura.server.auth.SecuritySettings;
import org.pleura.server.auth.Session;
import org.pleura.server.auth.SessionStore;
import org.pleura.server.auth.User;
import org.pleura.server.auth.UserStore;
import org.pleura.server.http.JsonBody;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.RouteTable;
import org.pleura.server.http.SafeRedirect;

/**
 * Sign-in, sign-out and the signed-in user's own settings; users, API tokens and access settings for admins.
 *
 * <ul>
 *   <li>{@code POST /api/session} {@code {"username", "password", "next"}}: signs in, sets the session cookie, answers
 *       the user, the CSRF token to echo in {@code X-CSRF-Token}, and in {@code next} where the page may go
 *       ({@code next} if it is a path on this site, {@link SafeRedirect}, else {@code /worklist}); repeated failures
 *       from one address for one name get 429 with {@code Retry-After};</li>
 *   <li>{@code GET /api/session}: who is signed in (and the CSRF token again, for a reloaded page);</li>
 *   <li>{@code POST /api/session/end}: signs out;</li>
 *   <li>{@code POST /api/me} {@code {"language"}} and {@code POST /api/me/password} {@code {"current", "password"}};</li>
 *   <li>admins: {@code GET/POST /api/users}, {@code POST /api/users/{username}}, {@code GET/POST /api/tokens},
 *       {@code POST /api/tokens/{token}/revoke}, {@code GET/POST /api/settings}.</li>
 * </ul>
 */
public final class AuthApi {

    private final UserStore users;
    private final SessionStore sessions;
    private final ApiTokenStore tokens;
    private final LoginService logins;
    private final PasswordHasher hasher;
    private final SecuritySettings settings;
    private final SessionAccessPolicy policy;
    private final AuditTrail audit;
    private final LongSupplier clock;
    private final boolean secureCookies;

    public AuthApi(UserStore users, SessionStore sessions, ApiTokenStore tokens, LoginService logins,
                   PasswordHasher hasher, SecuritySettings settings, SessionAccessPolicy policy, AuditTrail audit,
                   LongSupplier clock) {
        this(users, sessions, tokens, logins, hasher, settings, policy, audit, clock, false);
    }

    /** @param secureCookies true when the server has TLS: session cookies are always Secure */
    public AuthApi(UserStore users, SessionStore sessions, ApiTokenStore tokens, LoginService logins,
                   PasswordHasher hasher, SecuritySettings settings, SessionAccessPolicy policy, AuditTrail audit,
                   LongSupplier clock, boolean secureCookies) {
        this.secureCookies = secureCookies;
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.logins = logins;
        this.hasher = hasher;
        this.settings = settings;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RouteTable routes) {
        routes.post("/api/session", Access.PUBLIC, this::signIn)
                .get("/api/session", Access.SIGNED_IN, this::current)
                .post("/api/session/end", Access.SIGNED_IN, this::signOut)
                .post("/api/me", Access.SIGNED_IN, this::preferences)
                .post("/api/me/password", Access.SIGNED_IN, this::changePassword)
                .get("/api/users", Access.ADMIN, ctx -> ctx.json(users.list().stream().map(this::userView).toList()))
                .post("/api/users", Access.ADMIN, this::createUser)
                .post("/api/users/{username}", Access.ADMIN, this::updateUser)
                .get("/api/tokens", Access.ADMIN, ctx -> ctx.json(tokens.list().stream().map(AuthApi::tokenView).toList()))
                .post("/api/tokens", Access.ADMIN, this::createToken)
                .post("/api/tokens/{token}/revoke", Access.ADMIN, this::revokeToken)
                .get("/api/settings", Access.ADMIN, this::settingsView)
                .post("/api/settings", Access.ADMIN, this::changeSettings);
    }

    // ---------------------------------------------------------------- session

    private void signIn(Context ctx) {
        if (!SessionCookie.sameOrigin(ctx)) {
            throw new ProblemException(403, "cross-origin", "sign in from Pleura's own sign-in page");
        }
        JsonBody body = JsonBody.of(ctx);
        LoginOutcome o = logins.signIn(body.text("username").orElse(""), body.text("password").orElse(""), ctx.ip());
        if (o instanceof LoginOutcome.SignedIn s) {
            SessionCookie.set(ctx, s.session().token(), secureCookies);
            ctx.header("Cache-Control", "no-store");
            Map<String, Object> view = sessionView(s.user(), s.session().session().csrfToken());
            view.put("next", SafeRedirect.path(body.text("next").orElse(""), "/worklist"));
            ctx.json(view);
        } else if (o instanceof LoginOutcome.Throttled t) {
            throw tooManyAttempts(t);
        } else if (o instanceof LoginOutcome.Busy) {
            throw new ProblemException(503, "busy", "too many sign-ins at once; try again in a moment",
                    Map.of("Retry-After", "2"));
        } else {
            throw new ProblemException(401, "bad-credentials", "unknown user name or wrong password");
        }
    }

    /** 429 with the wait in {@code Retry-After}: the same for every name, known or not. */
    static ProblemException tooManyAttempts(LoginOutcome.Throttled t) {
        long seconds = Math.max(1, (t.waitMillis() + 999) / 1000);
        return new ProblemException(429, "slow-down", "too many failed attempts from this address: wait " + seconds
                + " s before trying again", Map.of("Retry-After", Long.toString(seconds)));
    }

    private void current(Context ctx) {
        Principal.Person p = Callers.person(ctx);
        ctx.json(sessionView(p.user(), p.session().map(Session::csrfToken).orElse("")));
    }

    private void signOut(Context ctx) {
        Principal.Person p = Callers.person(ctx);
        sessions.end(SessionCookie.read(ctx));
        SessionCookie.clear(ctx);
        audit.record(Callers.auditEntry(ctx, AuditAction.LOGOUT, p.name(), ""));
        ctx.status(204);
    }

    private void preferences(Context ctx) {
        Principal.Person p = Callers.person(ctx);
        JsonBody body = JsonBody.of(ctx);
        Optional<String> lang = body.text("language");
        if (lang.isPresent()) {
            Language l = Language.find(lang.get()).orElseThrow(() ->
                    ProblemException.badRequest("language must be fr or en"));
            if (l != p.user().language()) {
                users.setLanguage(p.user().pk(), l, clock.getAsLong());
                audit.record(Callers.auditEntry(ctx, AuditAction.PREFERENCE_CHANGE, p.name(), "language "
                        + p.user().language().code() + " -> " + l.code()));
            }
        }
        User u = users.byPk(p.user().pk()).orElseThrow();
        ctx.json(sessionView(u, p.session().map(Session::csrfToken).orElse("")));
    }

    private void changePassword(Context ctx) {
        Principal.Person p = Callers.person(ctx);
        JsonBody body = JsonBody.of(ctx);
        String current = body.requireText("current");
        String next = body.requireText("password");
        if (!logins.confirm(p.user(), current)) {
            throw new ProblemException(403, "bad-credentials", "the current password is wrong");
        }
        PasswordPolicy.problem(p.user().username(), next).ifPresent(m -> {
            throw ProblemException.badRequest(m);
        });
        users.setPassword(p.user().pk(), hasher.hash(next.toCharArray()), clock.getAsLong());
        sessions.endAll(p.user().pk(), p.session().map(Session::tokenHash).orElse(null));
        policy.forgetBasic();
        audit.record(Callers.auditEntry(ctx, AuditAction.PASSWORD_CHANGE, p.name(), "own password changed; other "
                + "sessions ended"));
        ctx.status(204);
    }

    // ---------------------------------------------------------------- users

    private void createUser(Context ctx) {
        JsonBody body = JsonBody.of(ctx);
        String username;
        try {
            username = UserStore.normalise(body.requireText("username"));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        Role role = Role.parse(body.requireText("role")).orElseThrow(() ->
                ProblemException.badRequest("role must be clinician, radiologist or admin"));
        Language language = Language.find(body.text("language").orElse(User.DEFAULT_LANGUAGE.code())).orElseThrow(() ->
                ProblemException.badRequest("language must be fr or en"));
        String password = body.requireText("password");
        PasswordPolicy.problem(username, password).ifPresent(m -> {
            throw ProblemException.badRequest(m);
        });
        if (users.byUsername(username).isPresent()) {
            throw new ProblemException(409, "exists", "user name '" + username + "' is already taken");
        }
        User u;
        try {
            u = users.create(username, body.text("displayName").orElse(username), role, language,
                    hasher.hash(password.toCharArray()), clock.getAsLong());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(409, "exists", e.getMessage());
        }
        audit.record(Callers.auditEntry(ctx, AuditAction.USER_CREATE, u.username(), "role " + role.jsonName()
                + ", language " + language.code()));
        ctx.status(201).json(userView(u));
    }

    private void updateUser(Context ctx) {
        Principal.Person admin = Callers.person(ctx);
        User u = users.byUsername(ctx.pathParam("username")).orElseThrow(() ->
                ProblemException.notFound("no user " + ctx.pathParam("username")));
        JsonBody body = JsonBody.of(ctx);
        Role role = body.text("role").map(r -> Role.parse(r).orElseThrow(() ->
                ProblemException.badRequest("role must be clinician, radiologist or admin"))).orElse(u.role());
        Language language = body.text("language").map(l -> Language.find(l).orElseThrow(() ->
                ProblemException.badRequest("language must be fr or en"))).orElse(u.language());
        boolean active = body.bool("active").orElse(u.active());
        String name = body.text("displayName").map(String::strip).filter(s -> !s.isEmpty()).orElse(u.displayName());
        boolean demotesAdmin = u.role() == Role.ADMIN && u.active() && (role != Role.ADMIN || !active);
        if (demotesAdmin && users.activeAdmins() <= 1) {
            throw new ProblemException(409, "last-admin", "this is the last active admin: make another admin first");
        }
        List<String> changes = new ArrayList<>();
        if (role != u.role()) {
            changes.add("role " + u.role().jsonName() + " -> " + role.jsonName());
        }
        if (language != u.language()) {
            changes.add("language " + u.language().code() + " -> " + language.code());
        }
        if (active != u.active()) {
            changes.add(active ? "enabled" : "disabled");
        }
        if (!name.equals(u.displayName())) {
            changes.add("display name changed");
        }
        long now = clock.getAsLong();
        User updated = users.update(u.pk(), name, role, language, active, now);
        Optional<String> password = body.text("password");
        if (password.isPresent()) {
            PasswordPolicy.problem(u.username(), password.get()).ifPresent(m -> {
                throw ProblemException.badRequest(m);
            });
            users.setPassword(u.pk(), hasher.hash(password.get().toCharArray()), now);
            changes.add("password reset");
        }
        if (body.bool("unlock").orElse(false) && (u.lockedAt(now) || u.failedLogins() > 0)) {
            users.clearFailures(u.pk());
            changes.add("unlocked");
        }
        if (body.bool("unlock").orElse(false)) {
            logins.throttle().reset(u.username());
        }
        if (!active || password.isPresent() || role != u.role()) {
            sessions.endAll(u.pk(), u.pk() == admin.user().pk()
                    ? admin.session().map(Session::tokenHash).orElse(null) : null);
            policy.forgetBasic();
        }
        if (!changes.isEmpty()) {
            audit.record(Callers.auditEntry(ctx, AuditAction.USER_UPDATE, u.username(), String.join("; ", changes)));
        }
        ctx.json(userView(users.byPk(updated.pk()).orElseThrow()));
    }

    // ---------------------------------------------------------------- tokens

    private void createToken(Context ctx) {
        Principal.Person admin = Callers.person(ctx);
        JsonBody body = JsonBody.of(ctx);
        Set<String> scopes = new LinkedHashSet<>();
        body.node("scopes").ifPresent(n -> n.forEach(s -> scopes.add(s.asText())));
        ApiTokenStore.Created c;
        try {
            c = tokens.create(body.requireText("name"), scopes, admin.name(), clock.getAsLong());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        audit.record(Callers.auditEntry(ctx, AuditAction.TOKEN_CREATE, c.info().name(), "scopes "
                + String.join(",", c.info().scopes()) + ", id " + c.info().pk()));
        Map<String, Object> m = tokenView(c.info());
        m.put("token", c.token());
        ctx.status(201).json(m);
    }

    private void revokeToken(Context ctx) {
        long pk;
        try {
            pk = Long.parseLong(ctx.pathParam("token"));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("token ids are numbers");
        }
        ApiToken t = tokens.list().stream().filter(x -> x.pk() == pk).findFirst()
                .orElseThrow(() -> ProblemException.notFound("no API token " + pk));
        if (!tokens.revoke(pk, clock.getAsLong())) {
            throw new ProblemException(409, "revoked", "API token " + pk + " is revoked already");
        }
        audit.record(Callers.auditEntry(ctx, AuditAction.TOKEN_REVOKE, t.name(), "id " + pk));
        ctx.status(204);
    }

    // ---------------------------------------------------------------- settings

    private void settingsView(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, String> values = settings.values();
        for (SecuritySettings.Definition d : SecuritySettings.ALL) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", d.key());
            m.put("value", values.get(d.key()));
            m.put("default", d.defaultValue());
            if (!d.choices().isEmpty()) {
                m.put("choices", d.choices());
            } else {
                m.put("min", d.min());
                m.put("max", d.max());
            }
            out.add(m);
        }
        ctx.json(out);
    }

    private void changeSettings(Context ctx) {
        Principal.Person admin = Callers.person(ctx);
        JsonBody body = JsonBody.of(ctx);
        Map<String, String> wanted = new LinkedHashMap<>();
        for (String key : body.fields()) {
            SecuritySettings.Definition d = SecuritySettings.definition(key).orElseThrow(() ->
                    ProblemException.badRequest("no setting named '" + key + "'"));
            String v = body.node(key).map(n -> n.isTextual() ? n.asText() : n.toString()).orElse("");
            d.problem(v).ifPresent(p -> {
                throw ProblemException.badRequest(p);
            });
            wanted.put(key, v.strip());
        }
        Map<String, String> before = settings.values();
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                String old = settings.set(e.getKey(), e.getValue(), admin.name(), clock.getAsLong());
                audit.record(Callers.auditEntry(ctx, AuditAction.SETTING_CHANGE, e.getKey(), old + " -> "
                        + e.getValue()));
            }
        }
        settingsView(ctx);
    }

    // ---------------------------------------------------------------- views

    /** A user as JSON (never the password hash). */
    private Map<String, Object> userView(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", u.username());
        m.put("displayName", u.displayName());
        m.put("role", u.role().jsonName());
        m.put("language", u.language().code());
        m.put("active", u.active());
        long now = clock.getAsLong();
        m.put("locked", u.lockedAt(now));
        m.put("lockedUntil", u.lockedAt(now) ? Instant.ofEpochMilli(u.lockedUntil()).toString() : null);
        m.put("failedLogins", u.failedLogins());
        m.put("createdAt", Instant.ofEpochMilli(u.createdAt()).toString());
        m.put("passwordChangedAt", Instant.ofEpochMilli(u.passwordChangedAt()).toString());
        return m;
    }

    private Map<String, Object> sessionView(User u, String csrf) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", userView(u));
        m.put("csrfToken", csrf);
        Map<String, Boolean> may = new LinkedHashMap<>();
        may.put("read", u.role().may(Access.READ));
        may.put("feedback", u.role().may(Access.FEEDBACK));
        may.put("admin", u.role().may(Access.ADMIN));
        m.put("may", may);
        return m;
    }

    private static Map<String, Object> tokenView(ApiToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.pk());
        m.put("name", t.name());
        m.put("scopes", t.scopes());
        m.put("createdBy", t.createdBy());
        m.put("createdAt", Instant.ofEpochMilli(t.createdAt()).toString());
        m.put("lastUsedAt", t.lastUsedAt() == 0 ? null : Instant.ofEpochMilli(t.lastUsedAt()).toString());
        m.put("revokedAt", t.revokedAt() == 0 ? null : Instant.ofEpochMilli(t.revokedAt()).toString());
        return m;
    }
}
