package org.pleura.server.audit;

/**
 * The result of re-computing the audit trail's hash chain.
 *
 * @param events   events checked
 * @param intact   true if every event's hash matches its fields and its predecessor
 * @param brokenAt id of the first event that does not match, or 0
 * @param head     hash of the last event (write it down, or compare it with an earlier export, to detect removal
 *                 of the newest events)
 */
public record ChainCheck(long events, boolean intact, long brokenAt, String head) {
}
