package org.pleura.server.audit;

/**
 * A stored audit event.
 *
 * @param id        sequence number (ascending with time)
 * @param at        epoch ms
 * @param actor     who
 * @param actorRole their role then
 * @param action    the action's code, e.g. {@code study.view}
 * @param target    what
 * @param detail    description
 * @param ip        caller's address
 * @param prevHash  the previous event's hash (64 zeros for the first)
 * @param hash      SHA-256 over {@code prevHash} and this event's fields
 */
public record AuditEvent(long id, long at, String actor, String actorRole, String action, String target,
                         String detail, String ip, String prevHash, String hash) {
}
