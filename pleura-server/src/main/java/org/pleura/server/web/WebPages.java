package org.pleura.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pleura.server.http.RouteTable;

/**
 * The web pages and their files, from {@code /web} on the class path: {@code /} (to the worklist),
 * {@code /login}, {@code /worklist}, {@code /viewer}, {@code /admin}, and {@code /ui/NAME} for scripts, styles,
 * messages and icons. Everything the pages use is served from here (no CDN, no external font); a strict Content
 * Security Policy forbids anything else. The pages themselves hold no data: they read it from the API once the
 * user signed in.
 */
public final class WebPages {

    /** The Content-Security-Policy of every page. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: "
            + "blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final Map<String, String> PAGES = Map.of("/login", "login.html", "/worklist", "worklist.html",
            "/viewer", "viewer.html", "/admin", "admin.html");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "json", "application/json; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "ico", "image/x-icon");

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** Registers the pages (public: they hold no data). */
    public void register(RouteTable routes) {
        routes.page("/", ctx -> ctx.redirect("/worklist"));
        PAGES.forEach((path, file) -> routes.page(path, ctx -> send(ctx, file)));
        routes.page("/ui/{file}", ctx -> send(ctx, ctx.pathParam("file")));
        routes.page("/favicon.ico", ctx -> send(ctx, "favicon.svg"));
    }

    private void send(Context ctx, String name) throws IOException {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        if (type == null || !name.matches("[a-z0-9][a-z0-9._-]*") || name.contains("..")) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
            return;
        }
        byte[] body = cache.get(name);
        if (body == null) {
            try (InputStream in = WebPages.class.getResourceAsStream("/web/" + name)) {
                if (in == null) {
                    ctx.status(404).contentType("text/plain; charset=utf-8").result("not found");
                    return;
                }
                body = in.readAllBytes();
            }
            cache.put(name, body);
        }
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(type).result(body);
    }
}
