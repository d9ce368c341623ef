package org.pleura.server.auth.api;

import io.javalin.http.Context;
import java.util.Optional;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditEntry;
import org.pleura.server.auth.Principal;
import org.pleura.server.http.ProblemException;

/**
 * The caller of an HTTP request, as {@link SessionAccessPolicy} found it and attached it to the request: who it is,
 * the signed-in person a page needs, and audit entries naming them.
 */
public final class Callers {

    /** The request attribute holding the {@link Principal}. */
    public static final String ATTRIBUTE = "pleura.principal";

    private Callers() {
    }

    /** The caller of a request, if the access policy found one. */
    public static Optional<Principal> of(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** The signed-in person calling; 401 otherwise (e.g. a route reached with an open access policy). */
    public static Principal.Person person(Context ctx) {
        if (of(ctx).orElse(null) instanceof Principal.Person p) {
            return p;
        }
        throw new ProblemException(401, "unauthenticated", "sign in first: this page is for signed-in users");
    }

    /** An audit entry for what the caller of {@code ctx} did (actor {@code anonymous} when none was found). */
    public static AuditEntry auditEntry(Context ctx, AuditAction action, String target, String detail) {
        Principal p = of(ctx).orElse(null);
        return new AuditEntry(p == null ? "anonymous" : p.name(), p == null ? "anonymous" : p.roleName(), action,
                target, detail, ctx.ip());
    }
}
