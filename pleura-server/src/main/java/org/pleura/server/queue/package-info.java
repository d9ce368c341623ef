/**
 * The durable job queue: every received source image gets an {@code analyze} job, every finished analysis one
 * {@code route} job per destination. Jobs live in the database ({@link org.pleura.server.queue.JobQueue}) with
 * their state, attempts, next attempt time (exponential back-off) and a lease renewed by a heartbeat, so that after
 * a crash and a restart every job that was running is queued again and completes. A job is marked done in the same
 * transaction as its effect (results recorded, route jobs created) or only after the destination acknowledged.
 */
package org.pleura.server.queue;
