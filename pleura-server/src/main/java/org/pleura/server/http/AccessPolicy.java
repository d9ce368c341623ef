package org.pleura.server.http;

import io.javalin.http.Context;
import org.pleura.server.auth.Access;

/**
 * The one place where callers are checked: every route calls it with the {@link Access} it needs before running.
 * The default lets everyone in (a server on a closed hospital network, or behind an authenticating proxy); users,
 * roles and sessions replace it without touching any route.
 */
@FunctionalInterface
public interface AccessPolicy {

    /** Everyone may do everything. */
    AccessPolicy OPEN = (ctx, access) -> {
    };

    /**
     * Returns if the caller may proceed.
     *
     * @throws ProblemException 401 or 403 otherwise
     */
    void check(Context ctx, Access access);
}
