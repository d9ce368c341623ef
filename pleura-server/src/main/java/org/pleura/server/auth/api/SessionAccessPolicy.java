package org.pleura.server.auth.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.pleura.server.auth.Access;
import org.pleura.server.auth.ApiTokenStore;
import org.pleura.server.auth.LoginOutcome;
import org.pleura.server.auth.LoginService;
import org.pleura.server.auth.Principal;
import org.pleura.server.auth.Secrets;
import org.pleura.server.auth.SecuritySettings;
import org.pleura.server.auth.SessionStore;
import org.pleura.server.auth.User;
import org.pleura.server.auth.UserStore;
import org.pleura.server.auth.api.AuthApi;
import org.pleura.server.http.AccessPolicy;
import org.pleura.server.http.ProblemException;

/**
 * The server's access policy with users: every route is checked here before it runs.
 *
 * <ol>
 *   <li>{@link Access#PUBLIC} routes pass (health, metrics, OpenAPI, the web pages, sign-in).</li>
 *   <li>{@link Access#STORE} routes need an API token with the {@code store} scope or an admin, unless an admin
 *       set {@code http-ingest} to {@code open}.</li>
 *   <li>Anything else needs a caller: {@code Authorization: Bearer plt_...} (an API token),
 *       {@code Authorization: Basic ...} (a user's name and password, for scripts; verified once per five minutes),
 *       or the {@code pleura_session} cookie of a browser. None: 401.</li>
 *   <li>A browser's state-changing request (POST, PUT, PATCH, DELETE) must come from Pleura's own pages
 *       ({@code Origin}/{@code Sec-Fetch-Site}) and echo the session's CSRF token in {@code X-CSRF-Token}: 403
 *       otherwise.</li>
 *   <li>The caller's role (or token scopes) must allow the route's access: 403 otherwise.</li>
 * </ol>
 * The caller is attached to the request ({@link Principal#of}). Every response also gets {@code nosniff},
 * {@code DENY} framing, no referrer, and {@code no-store} caching (results must not stay on a shared workstation).
 */
public final class SessionAccessPolicy implements AccessPolicy {

    /** Header carrying the CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final long BASIC_CACHE_MS = 5 * 60_000;
    private static final int BASIC_CACHE_MAX = 1000;

    private final SessionStore sessions;
    private final ApiTokenStore tokens;
    private final UserStore users;
    private final LoginService logins;
    private final SecuritySettings settings;
    private final LongSupplier clock;
    private final Map<String, long[]> basicCache = new LinkedHashMap<>();

    public SessionAccessPolicy(SessionStore sessions, ApiTokenStore tokens, UserStore users, LoginService logins,
                               SecuritySettings settings, LongSupplier clock) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.users = users;
        this.logins = logins;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void check(Context ctx, Access access) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        if (access != Access.PUBLIC) {
            ctx.header("Cache-Control", "no-store");
        }
        if (access == Access.PUBLIC) {
            return;
        }
        if (access == Access.STORE && !settings.ingestNeedsToken()) {
            resolveQuietly(ctx);
            return;
        }
        Principal p = resolve(ctx).orElseThrow(() -> new ProblemException(401, "unauthenticated",
                "sign in first (web pages), or send Authorization: Bearer with an API token an admin created, or "
                        + "Authorization: Basic with a user name and password",
                Map.of("WWW-Authenticate", "Bearer realm=\"pleura\"")));
        ctx.attribute(Callers.ATTRIBUTE, p);
        if (p instanceof Principal.Person person && person.session().isPresent() && unsafe(ctx)) {
            if (!SessionCookie.sameOrigin(ctx)) {
                throw new ProblemException(403, "cross-origin", "this request did not come from Pleura's own pages");
            }
            if (!Secrets.same(ctx.header(CSRF_HEADER), person.session().get().csrfToken())) {
                throw new ProblemException(403, "csrf", "the page's security token is missing or out of date: "
                        + "reload the page");
            }
        }
        if (!p.may(access)) {
            throw new ProblemException(403, "forbidden", "your role (" + p.roleName() + ") does not allow this");
        }
    }

    private void resolveQuietly(Context ctx) {
        String auth = ctx.header("Authorization");
        String cookie = SessionCookie.read(ctx);
        if ((auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) || (auth == null && cookie != null)) {
            resolve(ctx).ifPresent(p -> ctx.attribute(Callers.ATTRIBUTE, p));
        }
    }

    /** The caller of a request, if any credential is valid. */
    Optional<Principal> resolve(Context ctx) {
        long now = clock.getAsLong();
        String auth = ctx.header("Authorization");
        if (auth != null && !auth.isBlank()) {
            String a = auth.strip();
            if (a.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return tokens.find(a.substring(7).strip(), now).map(Principal.Machine::new);
            }
            if (a.regionMatches(true, 0, "Basic ", 0, 6)) {
                return basic(ctx, a.substring(6).strip(), now);
            }
            return Optional.empty();
        }
        return sessions.find(SessionCookie.read(ctx), now, settings.sessionIdle())
                .map(s -> new Principal.Person(s.user(), Optional.of(s)));
    }

    private Optional<Principal> basic(Context ctx, String encoded, long now) {
        String key = Secrets.sha256(encoded);
        synchronized (basicCache) {
            long[] hit = basicCache.get(key);
            if (hit != null && hit[1] > now) {
                return users.byPk(hit[0]).filter(User::active)
                        .map(u -> new Principal.Person(u, Optional.empty()));
            }
            basicCache.remove(key);
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        LoginOutcome o = logins.check(decoded.substring(0, colon), decoded.substring(colon + 1), ctx.ip(), "basic");
        if (o instanceof LoginOutcome.Busy) {
            throw new ProblemException(503, "busy", "too many sign-ins at once; try again in a moment",
                    Map.of("Retry-After", "2"));
        }
        if (o instanceof LoginOutcome.Throttled t) {
            throw AuthApi.tooManyAttempts(t);
        }
        if (!(o instanceof LoginOutcome.Verified v)) {
            return Optional.empty();
        }
        synchronized (basicCache) {
            if (basicCache.size() >= BASIC_CACHE_MAX) {
                basicCache.remove(basicCache.keySet().iterator().next());
            }
            basicCache.put(key, new long[]{v.user().pk(), now + BASIC_CACHE_MS});
        }
        return Optional.of(new Principal.Person(v.user(), Optional.empty()));
    }

    /** Forgets cached HTTP Basic checks (after a password change or an account change). */
    public void forgetBasic() {
        synchronized (basicCache) {
            basicCache.clear();
        }
    }

    private static boolean unsafe(Context ctx) {
        String m = ctx.method().name();
        return !(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS"));
    }
}
