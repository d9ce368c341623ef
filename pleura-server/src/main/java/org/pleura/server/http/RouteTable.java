package org.pleura.server.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers routes on Javalin, each with the access it needs, and remembers them (the OpenAPI test checks that
 * the document lists exactly these).
 */
public final class RouteTable {

    /**
     * One registered route.
     *
     * @param method HTTP method
     * @param path   path template with {@code {param}} parameters
     * @param access what the caller needs
     */
    public record Route(String method, String path, Access access) {
    }

    private final Javalin app;
    private final AccessPolicy policy;
    private final List<Route> routes = new ArrayList<>();

    public RouteTable(Javalin app, AccessPolicy policy) {
        this.app = app;
        this.policy = policy;
    }

    /** A GET route. */
    public RouteTable get(String path, Access access, Handler handler) {
        return add(HandlerType.GET, path, access, handler);
    }

    /** A POST route. */
    public RouteTable post(String path, Access access, Handler handler) {
        return add(HandlerType.POST, path, access, handler);
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
    private RouteTable add(HandlerType type, String path, Access access, Handler handler) {
        routes.add(new Route(type.name(), path, access));
        Handler checked = ctx -> {
            policy.check(ctx, access);
            handler.handle(ctx);
        };
        app.addHttpHandler(type, path, checked);
        if (type == HandlerType.GET) {
            app.addHttpHandler(HandlerType.HEAD, path, checked);
        }
        return this;
    }

    /** Every route registered, in order. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
