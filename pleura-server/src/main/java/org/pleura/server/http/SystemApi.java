package org.pleura.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.pleura.server.auth.Access;
import org.pleura.server.metrics.Metrics;

/**
 * {@code /health}, {@code /metrics} and {@code /api/openapi.json}.
 *
 * <p>{@code /health} answers 200 with {@code "status": "ok"} when everything works, 200 with {@code "degraded"}
 * when objects are received but not analysed (no model installed), and 503 with {@code "down"} when objects
 * cannot be received (database unreachable, disk at its floor, DICOM listener stopped).
 */
public final class SystemApi {

    /** Media type of the Prometheus text format. */
    public static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * One health check.
     *
     * @param status  ok, degraded or down
     * @param details facts shown with it
     */
    public record Check(String status, Map<String, Object> details) {
    }

    private final Map<String, Supplier<Check>> checks;
    private final Metrics metrics;
    private final byte[] openApi;

    /** @param checks named checks, in the order shown */
    public SystemApi(Map<String, Supplier<Check>> checks, Metrics metrics) {
        this.checks = new LinkedHashMap<>(checks);
        this.metrics = metrics;
        try (InputStream in = SystemApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the class path");
            }
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read openapi.json: " + e.getMessage(), e);
        }
    }

    /** Registers the routes. */
    public void register(RouteTable routes) {
        routes.get("/health", Access.PUBLIC, this::health)
                .get("/metrics", Access.PUBLIC, this::metrics)
                .get("/api/openapi.json", Access.PUBLIC, ctx -> ctx.contentType("application/json").result(openApi));
    }

    private void health(Context ctx) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> results = new LinkedHashMap<>();
        String overall = "ok";
        for (Map.Entry<String, Supplier<Check>> e : checks.entrySet()) {
            Check c;
            try {
                c = e.getValue().get();
            } catch (RuntimeException x) {
                c = new Check("down", Map.of("error", String.valueOf(x.getMessage())));
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("status", c.status());
            v.putAll(c.details());
            results.put(e.getKey(), v);
            if (c.status().equals("down")) {
                overall = "down";
            } else if (c.status().equals("degraded") && overall.equals("ok")) {
                overall = "degraded";
            }
        }
        out.put("status", overall);
        out.put("checks", results);
        ctx.status(overall.equals("down") ? 503 : 200).json(out);
    }

    private void metrics(Context ctx) {
        ctx.contentType(PROMETHEUS).result(metrics.scrape());
    }
}
