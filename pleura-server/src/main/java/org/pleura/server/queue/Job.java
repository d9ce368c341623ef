package org.pleura.server.queue;

/**
 * One job as claimed by a worker.
 *
 * @param pk          database key
 * @param kind        analyze or route
 * @param instancePk  the source instance
 * @param destination {@code AET@host:port} for a route job, "" for an analysis
 * @param attempts    attempts so far, this one included
 * @param createdAt   when the job was created (epoch ms)
 * @param leaseOwner  the lease token of this claim: only its holder can complete the job
 */
public record Job(long pk, JobKind kind, long instancePk, String destination, int attempts, long createdAt,
                  String leaseOwner) {
}
