package org.pleura.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditEvent;
import org.pleura.server.audit.AuditQuery;
import org.pleura.server.audit.AuditTrail;
import org.pleura.server.audit.ChainCheck;
import org.pleura.server.auth.Access;
import org.pleura.server.auth.api.Callers;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.QueryParams;
import org.pleura.server.http.RouteTable;

/**
 * The audit trail for admins: {@code GET /api/audit} (a page, newest first, filtered by {@code from} and
 * {@code to} (epoch ms or ISO-8601 instants), {@code actor}, {@code action} (a code, or a prefix ending with '.'),
 * {@code target}), {@code GET /api/audit/verify} (the hash chain re-computed) and {@code GET /api/audit.csv} (the
 * filtered trail, oldest first, itself recorded as {@code export.audit}).
 */
public final class AuditApi {

    private final AuditTrail audit;
    private final LongSupplier clock;

    /** @param clock epoch milliseconds: the date in the export's file name */
    public AuditApi(AuditTrail audit, LongSupplier clock) {
        this.clock = clock;
        this.audit = audit;
    }

    /** Registers the routes. */
    public void register(RouteTable routes) {
        routes.get("/api/audit", Access.ADMIN, this::page)
                .get("/api/audit/verify", Access.ADMIN, this::verify)
                .get("/api/audit.csv", Access.ADMIN, this::csv);
    }

    private void page(Context ctx) {
        AuditQuery q = query(ctx);
        List<Map<String, Object>> events = new ArrayList<>();
        for (AuditEvent e : audit.find(q)) {
            events.add(view(e));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", audit.count(q));
        out.put("events", events);
        List<String> actions = new ArrayList<>();
        for (AuditAction a : AuditAction.values()) {
            actions.add(a.code());
        }
        out.put("actions", actions);
        ctx.json(out);
    }

    private void verify(Context ctx) {
        ChainCheck c = audit.verify();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", c.events());
        m.put("intact", c.intact());
        m.put("brokenAt", c.intact() ? null : c.brokenAt());
        m.put("head", c.head());
        ctx.json(m);
    }

    private void csv(Context ctx) throws IOException {
        AuditQuery q = query(ctx);
        String name = "pleura-audit-" + LocalDate.ofInstant(Instant.ofEpochMilli(clock.getAsLong()), ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv";
        audit.record(Callers.auditEntry(ctx, AuditAction.EXPORT_AUDIT, name, "filters: from=" + q.from() + " to=" + q.to()
                + " actor=" + q.actor() + " action=" + q.action() + " target=" + q.target()));
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        Writer w = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
        w.write("id,time,actor,role,action,target,detail,ip,hash\n");
        audit.forEach(q, e -> {
            try {
                w.write(e.id() + "," + Instant.ofEpochMilli(e.at()) + "," + cell(e.actor()) + "," + cell(e.actorRole())
                        + "," + cell(e.action()) + "," + cell(e.target()) + "," + cell(e.detail()) + ","
                        + cell(e.ip()) + "," + e.hash() + "\n");
            } catch (IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        });
        w.flush();
    }

    /** A CSV cell: quoted when needed; a leading = + - @ is escaped so spreadsheets do not run it as a formula. */
    static String cell(String s) {
        String v = s == null ? "" : s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static Map<String, Object> view(AuditEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("at", Instant.ofEpochMilli(e.at()).toString());
        m.put("actor", e.actor());
        m.put("role", e.actorRole());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("detail", e.detail());
        m.put("ip", e.ip());
        m.put("hash", e.hash());
        return m;
    }

    private static AuditQuery query(Context ctx) {
        try {
            return new AuditQuery(time(ctx, "from"), time(ctx, "to"), QueryParams.text(ctx, "actor"),
                    QueryParams.text(ctx, "action"), QueryParams.text(ctx, "target"),
                    QueryParams.wholeInt(ctx, "limit", 100), QueryParams.wholeInt(ctx, "offset", 0));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }

    private static long time(Context ctx, String name) {
        String v = QueryParams.text(ctx, name);
        if (v.isEmpty()) {
            return 0;
        }
        if (v.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(v);
        }
        try {
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be epoch milliseconds or an ISO-8601 instant");
        }
    }
}
