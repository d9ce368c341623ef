package org.pleura.server.auth.api;

import io.javalin.http.Context;
import java.net.URI;

/**
 * The session cookie: {@code pleura_session}, HttpOnly (scripts cannot read it), SameSite=Strict (never sent with
 * a request started by another site), Path=/, no expiry (it ends with the browser), and Secure when the server has TLS
 * or the request came over TLS (directly or through a proxy saying {@code X-Forwarded-Proto: https}).
 */
public final class SessionCookie {

    /** The cookie name. */
    public static final String NAME = "pleura_session";

    private SessionCookie() {
    }

    /** The session token the browser sent, or null. */
    public static String read(Context ctx) {
        return ctx.cookie(NAME);
    }

    /** Gives the browser its session token. */
    public static void set(Context ctx, String token) {
        set(ctx, token, false);
    }

    /**
     * Gives the browser its session token.
     *
     * @param alwaysSecure true when the server has TLS: the cookie is Secure whatever port the request came in on,
     *                     so a browser never sends it over plain HTTP
     */
    public static void set(Context ctx, String token, boolean alwaysSecure) {
        ctx.res().addHeader("Set-Cookie", NAME + "=" + token + "; Path=/; HttpOnly; SameSite=Strict"
                + (alwaysSecure || overTls(ctx) ? "; Secure" : ""));
    }

    /** Tells the browser to forget its session token. */
    public static void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                + (overTls(ctx) ? "; Secure" : ""));
    }

    /** True if the browser reached Pleura over TLS. */
    public static boolean overTls(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    /**
     * True if a state-changing request may come from this page: the browser says it is same-origin
     * ({@code Sec-Fetch-Site}), or its {@code Origin} names the host the request was sent to ({@code Host}; never
     * {@code X-Forwarded-Host}, which any client can send: a proxy in front of Pleura must pass the original
     * {@code Host} on); requests without either header (scripts, older browsers) pass, since the CSRF token is
     * checked as well.
     */
    public static boolean sameOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && site.equalsIgnoreCase("cross-site")) {
            return false;
        }
        String origin = ctx.header("Origin");
        if (origin == null || origin.isBlank()) {
            return true;
        }
        String host = ctx.header("Host");
        try {
            URI o = URI.create(origin.strip());
            String originHost = o.getHost() + (o.getPort() > 0 ? ":" + o.getPort() : "");
            return host != null && (originHost.equalsIgnoreCase(host.strip())
                    || (o.getPort() < 0 && o.getHost() != null && host.strip().equalsIgnoreCase(o.getHost())));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
