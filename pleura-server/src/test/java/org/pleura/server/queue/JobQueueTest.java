package org.pleura.server.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.server.db.Database;
import org.pleura.server.store.DicomTree;
import org.pleura.server.store.InstanceAttributes;
import org.pleura.server.store.Origin;
import org.pleura.server.testing.TestClock;

/** The queue on a real (H2) database: claims, leases, back-off, recovery. */
class JobQueueTest {

    @TempDir
    Path tmp;
    Database db;
    JobQueue queue;
    final TestClock clock = new TestClock();

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:file:" + tmp.resolve("db") + ";WRITE_DELAY=0", "", "", 4);
        queue = new JobQueue(db, Duration.ofMillis(300), clock::millis);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long instance(String sop) {
        InstanceAttributes a = new InstanceAttributes("P1", "Doe^Jane", "", "F", "1.2.3", "20250101", "", "A1", "",
                "", "", "1.2.3.4", "DX", "1", "", "CHEST", "1.2.840.10008.5.1.4.1.1.1.1", sop, "1", "1.2.840.10008.1.2.1",
                10, 10);
        return db.transaction(c -> DicomTree.insert(c, a, "instances/x/" + sop + ".dcm", 100,
                "application/dicom", new Origin(Origin.Channel.DIMSE, "TEST"), null, clock.millis()));
    }

    private long enqueue(JobKind kind, long instance, String destination) {
        return db.transaction(c -> JobQueue.enqueue(c, kind, instance, destination, clock.millis()));
    }

    @Test
    void theSameWorkIsQueuedOnceAndClaimedByOneWorkerOnly() {
        long i = instance("1.2.3.4.5");
        long j1 = enqueue(JobKind.ANALYZE, i, "");
        long j2 = enqueue(JobKind.ANALYZE, i, "");
        assertEquals(j1, j2, "no duplicate job");
        assertEquals(List.of(), queue.claim(JobKind.ROUTE, 10), "kinds are separate");
        List<Job> claimed = queue.claim(JobKind.ANALYZE, 10);
        assertEquals(1, claimed.size());
        assertEquals(1, claimed.get(0).attempts());
        assertEquals(List.of(), queue.claim(JobKind.ANALYZE, 10), "a running job is not claimed twice");
        assertTrue(queue.complete(claimed.get(0)));
        assertEquals(1L, queue.counts().get(JobKind.ANALYZE).get(JobState.DONE));
    }

    @Test
    void onlyTheLeaseHolderCompletesAJob() throws Exception {
        long i = instance("1.2.3.4.6");
        enqueue(JobKind.ROUTE, i, "PACS@h:104");
        Job first = queue.claim(JobKind.ROUTE, 1).get(0);
        clock.advance(Duration.ofMillis(400));
        assertEquals(1, queue.requeueExpired(), "the lease expired without heartbeat");
        Job second = queue.claim(JobKind.ROUTE, 1).get(0);
        assertEquals(2, second.attempts());
        assertFalse(queue.complete(first), "the stale worker cannot complete it");
        assertTrue(queue.complete(second));
    }

    @Test
    void heartbeatKeepsLeasesAlive() throws Exception {
        long i = instance("1.2.3.4.7");
        enqueue(JobKind.ANALYZE, i, "");
        Job j = queue.claim(JobKind.ANALYZE, 1).get(0);
        for (int k = 0; k < 4; k++) {
            clock.advance(Duration.ofMillis(150));
            assertEquals(1, queue.heartbeat());
            assertEquals(0, queue.requeueExpired());
        }
        assertTrue(queue.complete(j));
    }

    @Test
    void aFailedAttemptWaitsForItsBackOffAndPostponingDoesNotCount() throws Exception {
        long i = instance("1.2.3.4.8");
        enqueue(JobKind.ANALYZE, i, "");
        Job j = queue.claim(JobKind.ANALYZE, 1).get(0);
        queue.retryLater(j, "busy", 400);
        assertEquals(List.of(), queue.claim(JobKind.ANALYZE, 1), "not before its next attempt time");
        clock.advance(Duration.ofMillis(450));
        Job again = queue.claim(JobKind.ANALYZE, 1).get(0);
        assertEquals(2, again.attempts());
        queue.postpone(again, "no model", 0);
        Job third = queue.claim(JobKind.ANALYZE, 1).get(0);
        assertEquals(2, third.attempts(), "a postponed attempt is not counted");
        queue.finish(third, JobState.FAILED, "broken");
        assertTrue(queue.retryNow(third.pk()));
        assertEquals(1, queue.claim(JobKind.ANALYZE, 1).get(0).attempts(), "a manual retry starts afresh");
    }

    @Test
    void atStartJobsLeftRunningAreQueuedAgainAndCounted() {
        long a = instance("1.2.3.4.9");
        long b = instance("1.2.3.4.10");
        enqueue(JobKind.ANALYZE, a, "");
        enqueue(JobKind.ANALYZE, b, "");
        enqueue(JobKind.ROUTE, a, "PACS@h:104");
        queue.claim(JobKind.ANALYZE, 1);
        queue.claim(JobKind.ROUTE, 1);
        db.close();
        db = Database.open("jdbc:h2:file:" + tmp.resolve("db") + ";WRITE_DELAY=0", "", "", 4);
        queue = new JobQueue(db, Duration.ofSeconds(60), clock::millis);
        Recovery r = queue.recoverAtStart();
        assertEquals(2, r.requeued());
        assertEquals(2, r.analysesQueued());
        assertEquals(1, r.routesPending());
        assertTrue(r.describe().startsWith("recovered: 2 interrupted jobs re-queued, 2 analyses queued, 1 route pending"),
                r.describe());
    }

    @Test
    void backOffDoublesUpToItsCap() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertEquals(2000, p.baseDelayMillis(1));
        assertEquals(4000, p.baseDelayMillis(2));
        assertEquals(16000, p.baseDelayMillis(4));
        assertEquals(30000, p.baseDelayMillis(10));
        for (int a = 1; a < 40; a++) {
            long d = p.delayMillis(a);
            assertTrue(d >= p.baseDelayMillis(a) && d <= 30000, a + ": " + d);
        }
        assertTrue(p.exhausted(5));
        assertFalse(p.exhausted(4));
    }
}
