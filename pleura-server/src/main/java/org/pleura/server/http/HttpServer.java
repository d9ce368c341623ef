package org.pleura.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.pleura.server.metrics.Metrics;

/**
 * The Javalin server, configured by hand: JSON by Jackson, no compression (DICOM and PNG are compressed already),
 * trailing slashes ignored, problem documents for every error (unknown routes, handler failures, Javalin's own
 * responses), a request counter by route template and status. Routes come from the {@code register} callback.
 */
public final class HttpServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("org.pleura.server.http");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicLong ERROR_IDS = new AtomicLong();

    private final Javalin app;
    private final List<RouteTable.Route> routes;

    private HttpServer(Javalin app, List<RouteTable.Route> routes) {
        this.app = app;
        this.routes = routes;
    }

    /**
     * Starts on a port (0 picks a free one).
     *
     * @param register adds the routes
     */
    public static HttpServer start(int port, AccessPolicy policy, Metrics metrics, Consumer<RouteTable> register) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.disableCompression();
            cfg.http.maxRequestSize = 1 << 20;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.jsonMapper(new JavalinJackson(MAPPER, false));
        });
        app.exception(ProblemException.class, (e, ctx) -> problem(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, switch (e.getStatus()) {
            case 404 -> ProblemException.notFound("no route " + ctx.method() + " " + ctx.path()
                    + "; see /api/openapi.json");
            case 405 -> new ProblemException(405, "method-not-allowed", ctx.method() + " is not allowed on "
                    + ctx.path());
            default -> new ProblemException(e.getStatus(), "http-" + e.getStatus(), e.getMessage());
        }));
        app.exception(Exception.class, (e, ctx) -> {
            long id = ERROR_IDS.incrementAndGet();
            LOG.log(System.Logger.Level.ERROR, "HTTP " + ctx.method() + " " + routeOf(ctx) + " failed (error " + id
                    + "): " + e, e);
            metrics.counter("pleura_errors_total", "Internal errors by place", "where", "http").increment();
            problem(ctx, new ProblemException(500, "internal-error", "the server could not complete the request "
                    + "(error " + id + " in its log)"));
        });
        app.error(404, ctx -> {
            if (ctx.res().getContentType() == null || !ctx.res().getContentType().startsWith(Problem.MEDIA_TYPE)) {
                problem(ctx, ProblemException.notFound("no route " + ctx.method() + " " + ctx.path()
                        + "; see /api/openapi.json"));
            }
        });
        app.error(405, ctx -> problem(ctx, new ProblemException(405, "method-not-allowed", ctx.method()
                + " is not allowed on " + ctx.path())));
        app.after(ctx -> metrics.counter("pleura_http_requests_total", "HTTP requests, by method, route and status",
                "method", ctx.method().name(), "route", routeOf(ctx), "status", Integer.toString(ctx.statusCode()))
                .increment());
        RouteTable table = new RouteTable(app, policy);
        register.accept(table);
        app.start(port);
        return new HttpServer(app, table.routes());
    }

    private static String routeOf(Context ctx) {
        try {
            String p = ctx.endpointHandlerPath();
            return p == null || p.isEmpty() || p.equals("*") ? "unmatched" : p;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private static void problem(Context ctx, ProblemException e) {
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            ctx.header(h.getKey(), h.getValue());
        }
        try {
            ctx.status(e.status()).contentType(Problem.MEDIA_TYPE).result(MAPPER.writeValueAsBytes(e.problem()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
            ctx.status(e.status()).result(e.getMessage());
        }
    }

    /** The port listened on. */
    public int port() {
        return app.port();
    }

    /** The routes registered. */
    public List<RouteTable.Route> routes() {
        return routes;
    }

    @Override
    public void close() {
        app.stop();
    }
}
