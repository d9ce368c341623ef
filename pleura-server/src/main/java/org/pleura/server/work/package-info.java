/**
 * The workers: a {@link org.pleura.server.work.WorkerPool} per job kind claims jobs from the queue and runs them;
 * {@link org.pleura.server.work.AnalysisJobRunner} analyses an image and records its results (artefacts,
 * worklist level, route jobs) in the same transaction that completes the job;
 * {@link org.pleura.server.work.RouteJobRunner} sends the SR and SC and completes its job only once the
 * destination acknowledged them; {@link org.pleura.server.work.LeaseKeeper} renews leases and re-queues expired
 * ones; {@link org.pleura.server.work.JobEvents} counts the attempts that ended, for callers that block until the
 * next one instead of polling.
 */
package org.pleura.server.work;
