package org.pleura.server.audit;

/**
 * A filter over the audit trail; empty strings and 0 mean "any".
 *
 * @param from   epoch ms, inclusive
 * @param to     epoch ms, exclusive
 * @param actor  exact user name
 * @param action exact action code, or a prefix ending with '.' (e.g. {@code login.})
 * @param target exact target (e.g. a study UID)
 * @param limit  at most this many events (1-10000)
 * @param offset skip this many (newest first)
 */
public record AuditQuery(long from, long to, String actor, String action, String target, int limit, int offset) {

    /** Largest page. */
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        actor = actor == null ? "" : actor.strip();
        action = action == null ? "" : action.strip();
        target = target == null ? "" : target.strip();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
