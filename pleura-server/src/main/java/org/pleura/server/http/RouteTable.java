package org.pleura.server.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import org.pleura.server.auth.Access;

/**
 * Registers routes on Javalin, each with the access it needs, and remembers them (the OpenAPI test checks that
 * the document lists exactly these).
 */
public final class RouteTable {

    /**
     * One registered route.
     *
     * @param method  HTTP method
     * @param path    path template with {@code {param}} parameters
     * @param access  what the caller needs
     * @param audited true when every answered request is told to the {@link AccessLog} (by default: routes that
     *                read patient data, {@link Access#READ}, or store images, {@link Access#STORE})
     */
    public record Route(String method, String path, Access access, boolean audited) {

        /** A route audited by the default rule. */
        public Route(String method, String path, Access access) {
            this(method, path, access, access == Access.READ || access == Access.STORE);
        }
    }

    /** Request attribute holding the {@link Route} being served. */
    public static final String ROUTE_ATTRIBUTE = "pleura.route";

    private final Javalin app;
    private final AccessPolicy policy;
    private final List<Route> routes = new ArrayList<>();

    public RouteTable(Javalin app, AccessPolicy policy) {
        this.app = app;
        this.policy = policy;
    }

    /** A GET route, audited by the default rule. */
    public RouteTable get(String path, Access access, Handler handler) {
        return add(new Route("GET", path, access), handler);
    }

    /** A POST route, audited by the default rule. */
    public RouteTable post(String path, Access access, Handler handler) {
        return add(new Route("POST", path, access), handler);
    }

    /**
     * A GET route, audited or not whatever its access (a route that audits itself in more detail, or that serves no
     * patient data, says false; an admin route reading patient data says true).
     */
    public RouteTable get(String path, Access access, boolean audited, Handler handler) {
        return add(new Route("GET", path, access, audited), handler);
    }

    /** A POST route, audited or not whatever its access. */
    public RouteTable post(String path, Access access, boolean audited, Handler handler) {
        return add(new Route("POST", path, access, audited), handler);
    }

    /**
     * A web page or one of its files (script, style, icon): GET, public, and not part of the API, so neither in
     * {@link #routes()} nor in the OpenAPI document. The access policy still sees the request (for its headers).
     */
    public RouteTable page(String path, Handler handler) {
        Handler checked = ctx -> {
            policy.check(ctx, Access.PUBLIC);
            handler.handle(ctx);
        };
        app.addHttpHandler(HandlerType.GET, path, checked);
        app.addHttpHandler(HandlerType.HEAD, path, checked);
        return this;
    }

    /**
     * Registers a route; a GET route answers HEAD too, through the same access check and handler (the server sends
     * the headers without the body), so HEAD never reveals more than GET would.
     */
    private RouteTable add(Route route, Handler handler) {
        routes.add(route);
        Handler checked = ctx -> {
            ctx.attribute(ROUTE_ATTRIBUTE, route);
            policy.check(ctx, route.access());
            handler.handle(ctx);
        };
        HandlerType type = HandlerType.valueOf(route.method());
        app.addHttpHandler(type, route.path(), checked);
        if (type == HandlerType.GET) {
            app.addHttpHandler(HandlerType.HEAD, route.path(), checked);
        }
        return this;
    }

    /** Every route registered, in order. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
