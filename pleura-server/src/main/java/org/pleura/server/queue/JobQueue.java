package org.pleura.server.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.pleura.server.db.Database;

/**
 * The jobs table as a queue. A worker {@link #claim claims} ready jobs (state {@code queued}, next attempt due):
 * each claim sets {@code running}, counts an attempt and takes a lease with a token unique to the claim. The
 * server's heartbeat renews its leases; a job whose lease expired (its server died) is queued again, and at start
 * every job left running by the previous run is queued again. Completing a job checks the token, so a job that
 * was taken away from a stalled worker cannot be completed twice.
 */
public final class JobQueue {

    private static final String COLUMNS = "pk, kind, instance_pk, destination, attempts, created_at";

    private final Database db;
    private final String processId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong claims = new AtomicLong();
    private final Duration lease;
    private final java.util.function.LongSupplier clock;

    /**
     * @param db    the database
     * @param lease how long a claim holds without a heartbeat
     */
    public JobQueue(Database db, Duration lease) {
        this(db, lease, System::currentTimeMillis);
    }

    /**
     * @param lease how long a claim holds without a heartbeat
     * @param clock epoch milliseconds: leases, next-attempt times and completion times (tests move a test clock)
     */
    public JobQueue(Database db, Duration lease, java.util.function.LongSupplier clock) {
        this.db = db;
        this.lease = lease;
        this.clock = clock;
    }

    /** The lease length. */
    public Duration lease() {
        return lease;
    }

    /**
     * Adds a job in the caller's transaction unless the same work (kind, instance, destination) exists already.
     *
     * @return the job's key, new or existing
     */
    public static long enqueue(Connection c, JobKind kind, long instancePk, String destination, long now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pk FROM jobs WHERE kind = ? AND instance_pk = ? AND destination = ?")) {
            s.setString(1, kind.dbValue());
            s.setLong(2, instancePk);
            s.setString(3, destination);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return r.getLong(1);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (kind, instance_pk, destination, state, "
                + "attempts, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 'queued', 0, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, kind.dbValue());
            s.setLong(2, instancePk);
            s.setString(3, destination);
            s.setLong(4, now);
            s.setLong(5, now);
            s.setLong(6, now);
            s.executeUpdate();
            try (ResultSet r = s.getGeneratedKeys()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * Adds a job in the caller's transaction, or queues the existing one again (attempts reset, due now) when it had
     * finished: used for route jobs when an image is analysed again and its new results must be sent.
     *
     * @return the job's key
     */
    public static long enqueueOrRequeue(Connection c, JobKind kind, long instancePk, String destination, long now)
            throws SQLException {
        long pk = enqueue(c, kind, instancePk, destination, now);
        try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'queued', attempts = 0, "
                + "next_attempt_at = ?, updated_at = ?, finished_at = NULL, last_error = NULL WHERE pk = ? "
                + "AND state IN ('done', 'failed', 'refused')")) {
            s.setLong(1, now);
            s.setLong(2, now);
            s.setLong(3, pk);
            s.executeUpdate();
        }
        return pk;
    }

    /** Claims up to {@code max} ready jobs of a kind, oldest due first. */
    public List<Job> claim(JobKind kind, int max) {
        long now = clock.getAsLong();
        List<long[]> candidates = db.read(c -> {
            List<long[]> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT pk FROM jobs WHERE state = 'queued' AND kind = ? "
                    + "AND next_attempt_at <= ? ORDER BY next_attempt_at, pk LIMIT ?")) {
                s.setString(1, kind.dbValue());
                s.setLong(2, now);
                s.setInt(3, max);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new long[]{r.getLong(1)});
                    }
                }
            }
            return out;
        });
        List<Job> jobs = new ArrayList<>();
        for (long[] cand : candidates) {
            String token = processId + ":" + claims.incrementAndGet();
            Optional<Job> j = db.transaction(c -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'running', attempts = attempts + 1, "
                        + "lease_owner = ?, lease_until = ?, updated_at = ? WHERE pk = ? AND state = 'queued'")) {
                    s.setString(1, token);
                    s.setLong(2, now + lease.toMillis());
                    s.setLong(3, now);
                    s.setLong(4, cand[0]);
                    if (s.executeUpdate() != 1) {
                        return Optional.<Job>empty();
                    }
                }
                try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM jobs WHERE pk = ?")) {
                    s.setLong(1, cand[0]);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        return Optional.of(new Job(r.getLong(1), JobKind.ofDb(r.getString(2)), r.getLong(3),
                                r.getString(4), r.getInt(5), r.getLong(6), token));
                    }
                }
            });
            j.ifPresent(jobs::add);
        }
        return jobs;
    }

    /**
     * Marks a job done in the caller's transaction, if this claim still holds it.
     *
     * @return false when the lease was lost (the caller must roll back its transaction)
     */
    public static boolean complete(Connection c, Job job, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'done', finished_at = ?, updated_at = ?, "
                + "lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE pk = ? AND lease_owner = ? "
                + "AND state = 'running'")) {
            s.setLong(1, now);
            s.setLong(2, now);
            s.setLong(3, job.pk());
            s.setString(4, job.leaseOwner());
            return s.executeUpdate() == 1;
        }
    }

    /** Marks a job done in its own transaction. @return false when the lease was lost */
    public boolean complete(Job job) {
        return db.transaction(c -> complete(c, job, clock.getAsLong()));
    }

    /** Queues the job again for a later attempt, recording why this one failed. */
    public void retryLater(Job job, String error, long delayMillis) {
        release(job, "queued", error, clock.getAsLong() + delayMillis, false);
    }

    /** Queues the job again without counting this attempt (e.g. no model installed yet). */
    public void postpone(Job job, String reason, long delayMillis) {
        release(job, "queued", reason, clock.getAsLong() + delayMillis, true);
    }

    /** Ends the job as failed or refused with the reason. */
    public void finish(Job job, JobState state, String reason) {
        if (state != JobState.FAILED && state != JobState.REFUSED) {
            throw new IllegalArgumentException("finish with failed or refused, not " + state);
        }
        release(job, state.dbValue(), reason, 0, false);
    }

    private void release(Job job, String state, String error, long nextAt, boolean uncount) {
        long now = clock.getAsLong();
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = ?, last_error = ?, updated_at = ?, "
                    + "next_attempt_at = CASE WHEN ? > 0 THEN ? ELSE next_attempt_at END, "
                    + "attempts = attempts - ?, finished_at = ?, lease_owner = NULL, lease_until = NULL "
                    + "WHERE pk = ? AND lease_owner = ?")) {
                s.setString(1, state);
                s.setString(2, truncate(error));
                s.setLong(3, now);
                s.setLong(4, nextAt);
                s.setLong(5, nextAt);
                s.setInt(6, uncount ? 1 : 0);
                if (state.equals("queued")) {
                    s.setNull(7, java.sql.Types.BIGINT);
                } else {
                    s.setLong(7, now);
                }
                s.setLong(8, job.pk());
                s.setString(9, job.leaseOwner());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Renews the leases of every job this server is running. @return how many */
    public int heartbeat() {
        long now = clock.getAsLong();
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET lease_until = ? WHERE state = 'running' "
                    + "AND lease_owner LIKE ?")) {
                s.setLong(1, now + lease.toMillis());
                s.setString(2, processId + ":%");
                return s.executeUpdate();
            }
        });
    }

    /** Queues again the running jobs whose lease expired (their server stopped). @return how many */
    public int requeueExpired() {
        long now = clock.getAsLong();
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'queued', lease_owner = NULL, "
                    + "lease_until = NULL, updated_at = ?, last_error = 'interrupted: its server stopped' "
                    + "WHERE state = 'running' AND lease_until < ?")) {
                s.setLong(1, now);
                s.setLong(2, now);
                return s.executeUpdate();
            }
        });
    }

    /**
     * At start, with the single-server guard held: every job still marked running was interrupted by the end of
     * the previous run (crash, kill -9, power loss) and is queued again, due now.
     */
    public Recovery recoverAtStart() {
        long now = clock.getAsLong();
        int requeued = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'queued', lease_owner = NULL, "
                    + "lease_until = NULL, updated_at = ?, next_attempt_at = ?, "
                    + "last_error = 'interrupted: the server stopped while it ran' WHERE state = 'running'")) {
                s.setLong(1, now);
                s.setLong(2, now);
                return s.executeUpdate();
            }
        });
        Map<JobKind, Map<JobState, Long>> counts = counts();
        return new Recovery(requeued, counts.get(JobKind.ANALYZE).get(JobState.QUEUED),
                counts.get(JobKind.ROUTE).get(JobState.QUEUED),
                counts.get(JobKind.ANALYZE).get(JobState.FAILED) + counts.get(JobKind.ROUTE).get(JobState.FAILED));
    }

    /** Jobs by kind and state (every combination present, zero when none). */
    public Map<JobKind, Map<JobState, Long>> counts() {
        Map<JobKind, Map<JobState, Long>> out = new EnumMap<>(JobKind.class);
        for (JobKind k : JobKind.values()) {
            Map<JobState, Long> m = new EnumMap<>(JobState.class);
            for (JobState st : JobState.values()) {
                m.put(st, 0L);
            }
            out.put(k, m);
        }
        return db.read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT kind, state, COUNT(*) FROM jobs GROUP BY kind, state")) {
                while (r.next()) {
                    out.get(JobKind.ofDb(r.getString(1))).put(JobState.ofDb(r.getString(2)), r.getLong(3));
                }
            }
            return out;
        });
    }

    /** Analyses not finished (queued or running): what the queue limit compares with. */
    public long unfinishedAnalyses() {
        return db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT COUNT(*) FROM jobs WHERE kind = 'analyze' AND state IN ('queued', 'running')")) {
                r.next();
                return r.getLong(1);
            }
        });
    }

    /**
     * Queues a failed (or refused) job again now, with its attempts reset (an operator's retry).
     *
     * @return false when there is no such job or it is not failed or refused
     */
    public boolean retryNow(long pk) {
        long now = clock.getAsLong();
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'queued', attempts = 0, "
                    + "next_attempt_at = ?, updated_at = ?, finished_at = NULL WHERE pk = ? "
                    + "AND state IN ('failed', 'refused')")) {
                s.setLong(1, now);
                s.setLong(2, now);
                s.setLong(3, pk);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static String truncate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
