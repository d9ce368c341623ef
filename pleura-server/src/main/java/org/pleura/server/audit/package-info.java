/**
 * The audit trail: an append-only record of who signed in (or failed to), viewed which study, gave which
 * feedback, exported what and changed which user or setting. {@link org.pleura.server.audit.AuditTrail} only
 * inserts; each event carries the SHA-256 of the previous event's hash and its own fields, so a changed or
 * deleted event breaks the chain and {@link org.pleura.server.audit.AuditTrail#verify()} says where. Events name
 * studies and images by their UIDs, never by patient names; nothing here goes to the application log.
 */
package org.pleura.server.audit;
