package org.pleura.server.auth;

import io.javalin.http.Context;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditEntry;

/** Audit entries for requests: the actor is the request's {@link Principal} (or {@code anonymous}). */
public final class Audited {

    private Audited() {
    }

    /** An entry for what the caller of {@code ctx} did. */
    public static AuditEntry entry(Context ctx, AuditAction action, String target, String detail) {
        Principal p = Principal.of(ctx).orElse(null);
        return new AuditEntry(p == null ? "anonymous" : p.name(), p == null ? "anonymous" : p.roleName(), action,
                target, detail, ctx.ip());
    }
}
