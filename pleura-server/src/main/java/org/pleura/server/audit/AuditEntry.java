package org.pleura.server.audit;

import java.util.Objects;

/**
 * An event to append.
 *
 * @param actor     user name, API token name, or {@code pleura} for the server itself; for a failed sign-in, the
 *                  name that was typed
 * @param actorRole the actor's role, {@code token}, {@code system} or {@code anonymous}
 * @param action    what happened
 * @param target    what it happened to: a study or SOP instance UID, a user name, a setting name, an export
 * @param detail    a short description (no patient names or identifiers)
 * @param ip        the caller's address, or empty
 */
public record AuditEntry(String actor, String actorRole, AuditAction action, String target, String detail,
                         String ip) {

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        actor = clip(actor, 64);
        actorRole = clip(actorRole, 16);
        target = clip(target, 200);
        detail = clip(detail, 2000);
        ip = clip(ip, 64);
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("[\\p{Cntrl}&&[^\n]]", " ");
        return t.length() <= max ? t : t.substring(0, max);
    }
}
