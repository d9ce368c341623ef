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
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
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

    /**
     * Request threads. Uploads block a thread while their body arrives (bounded by the upload gate and its minimum
     * rate); the pool must stay larger than every upload and sign-in that may wait at once.
     */
    static final int MAX_THREADS = 200;
    /** HSTS for answers over TLS: browsers keep to HTTPS for a year. */
    static final String HSTS = "max-age=31536000";
    /** TLS 1.2 and 1.3 only (BCP 195). */
    static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** BCP 195 (RFC 9325) recommended cipher suites: forward secrecy and AEAD only. */
    static final String[] TLS_CIPHERS = {"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"};

    private final Javalin app;
    private final List<RouteTable.Route> routes;
    private final ServerConnector plain;
    private final ServerConnector secure;

    private HttpServer(Javalin app, List<RouteTable.Route> routes, ServerConnector plain, ServerConnector secure) {
        this.app = app;
        this.routes = routes;
        this.plain = plain;
        this.secure = secure;
    }

    /**
     * Starts plain HTTP on a port (0 picks a free one).
     *
     * @param register adds the routes
     */
    public static HttpServer start(int port, AccessPolicy policy, Metrics metrics, Consumer<RouteTable> register) {
        return start(HttpEndpoints.plain(port), policy, AccessLog.NONE, metrics, register);
    }

    /**
     * Starts on these endpoints: plain HTTP, HTTPS (TLS 1.2+, BCP 195 ciphers, HSTS; HTTP/2 by ALPN, HTTP/1.1 for
     * clients without it) or both.
     *
     * @param register adds the routes
     */
    public static HttpServer start(HttpEndpoints endpoints, AccessPolicy policy, AccessLog accessLog, Metrics metrics,
                                   Consumer<RouteTable> register) {
        ServerConnector[] made = new ServerConnector[2];
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.disableCompression();
            cfg.http.maxRequestSize = 1 << 20;
            cfg.router.ignoreTrailingSlashes = true;
            cfg.jsonMapper(new JavalinJackson(MAPPER, false));
            QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 8, 60_000);
            pool.setName("pleura-http");
            cfg.jetty.threadPool = pool;
            cfg.jetty.modifyHttpConfiguration(hc -> {
                hc.setSendServerVersion(false);
                // check every request at its headers (size, per-client limit, credentials), even one whose body
                // never comes: Jetty would otherwise wait for the first body byte, up to the idle timeout
                hc.setDelayDispatchUntilContent(false);
                hc.setSendXPoweredBy(false);
            });
            if (endpoints.plainPort() >= 0) {
                cfg.jetty.addConnector((server, hc) -> {
                    ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(hc));
                    c.setPort(endpoints.plainPort());
                    c.setIdleTimeout(endpoints.idleTimeout().toMillis());
                    made[0] = c;
                    return c;
                });
            }
            if (endpoints.tlsOn()) {
                cfg.jetty.addConnector((server, hc) -> {
                    SslContextFactory.Server ssl = new SslContextFactory.Server();
                    ssl.setSslContext(endpoints.tls().get());
                    ssl.setIncludeProtocols(TLS_PROTOCOLS);
                    ssl.setIncludeCipherSuites(TLS_CIPHERS);
                    ssl.setNeedClientAuth(endpoints.needClientCert());
                    HttpConfiguration https = new HttpConfiguration(hc);
                    SecureRequestCustomizer src = new SecureRequestCustomizer();
                    src.setSniHostCheck(false);
                    https.addCustomizer(src);
                    ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
                    HttpConnectionFactory http1 = new HttpConnectionFactory(https);
                    HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(https);
                    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
                    alpn.setDefaultProtocol(http1.getProtocol());
                    ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()),
                            alpn, http2, http1);
                    c.setPort(endpoints.tlsPort());
                    c.setIdleTimeout(endpoints.idleTimeout().toMillis());
                    made[1] = c;
                    return c;
                });
            }
        });
        app.before(ctx -> {
            if (ctx.req().isSecure()) {
                ctx.header("Strict-Transport-Security", HSTS);
            }
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
        app.after(ctx -> {
            RouteTable.Route route = ctx.attribute(RouteTable.ROUTE_ATTRIBUTE);
            if (route != null && route.audited()) {
                try {
                    accessLog.answered(ctx, route);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "could not audit " + ctx.method() + " " + route.path() + ": "
                            + e);
                    metrics.counter("pleura_errors_total", "Internal errors by place", "where", "audit").increment();
                }
            }
        });
        app.after(ctx -> metrics.counter("pleura_http_requests_total", "HTTP requests, by method, route and status",
                "method", ctx.method().name(), "route", routeOf(ctx), "status", Integer.toString(ctx.statusCode()))
                .increment());
        RouteTable table = new RouteTable(app, policy);
        register.accept(table);
        app.start();
        return new HttpServer(app, table.routes(), made[0], made[1]);
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

    /** The plain HTTP port listened on, or -1 when plain HTTP is off. */
    public int port() {
        return plain == null ? -1 : plain.getLocalPort();
    }

    /** The HTTPS port listened on, or -1 when HTTPS is off. */
    public int tlsPort() {
        return secure == null ? -1 : secure.getLocalPort();
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
