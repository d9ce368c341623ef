package org.pleura.server.auth.api;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditTrail;
import org.pleura.server.auth.Access;
import org.pleura.server.auth.Principal;
import org.pleura.server.auth.api.Callers;
import org.pleura.server.http.AccessLog;
import org.pleura.server.http.RouteTable;

/**
 * Puts every answered request to an audited route in the audit trail: who (user or API token, or anonymous on an
 * open server), what (the most specific UID or id in the path: instance, series, study, job; or a {@code study} UID
 * query parameter), when, from where, and
 * the outcome (method, route, status). Reads are {@code data.read}, images sent over HTTP {@code data.store}, admin
 * operations {@code admin.operation}. Query values are never written (they may be patient identifiers); only how
 * many parameters there were. A request refused for want of any credential (401) read nothing and is not recorded.
 */
public final class DataAccessAudit implements AccessLog {

    private static final List<String> TARGETS = List.of("instance", "series", "study", "job", "mark");

    private final AuditTrail audit;

    public DataAccessAudit(AuditTrail audit) {
        this.audit = audit;
    }

    /** A study UID given as a query parameter (FHIR search), when it looks like one. */
    private static String uid(String v) {
        return v != null && v.matches("[0-9.]{1,64}") ? v : "";
    }

    @Override
    public void answered(Context ctx, RouteTable.Route route) {
        int status = ctx.statusCode();
        if (Callers.of(ctx).isEmpty() && status == 401) {
            return;
        }
        AuditAction action = switch (route.access()) {
            case STORE -> AuditAction.DATA_STORE;
            case ADMIN -> AuditAction.ADMIN_OPERATION;
            default -> AuditAction.DATA_READ;
        };
        Map<String, String> params = ctx.pathParamMap();
        String target = TARGETS.stream().filter(params::containsKey).findFirst().map(params::get)
                .orElseGet(() -> uid(ctx.queryParam("study")));
        int queries = ctx.queryParamMap().size();
        audit.record(Callers.auditEntry(ctx, action, target, ctx.method().name() + " " + route.path() + " -> " + status
                + (queries > 0 ? " (" + queries + " query parameter" + (queries > 1 ? "s" : "") + ")" : "")
                + (route.access() == Access.READ && status >= 400 ? " refused" : "")));
    }
}
