package org.pleura.server.http;

import io.javalin.http.Context;

/**
 * Told of every request to an audited route once it is answered (status final), so that each access to patient
 * data lands in the audit trail with who, what, when, from where and the outcome. The reading room implements it
 * on the audit trail; HTTP code never names the trail.
 */
@FunctionalInterface
public interface AccessLog {

    /** Records nothing. */
    AccessLog NONE = (ctx, route) -> {
    };

    /** Records one answered request to {@code route}. */
    void answered(Context ctx, RouteTable.Route route);
}
