package org.pleura.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.server.db.Database;

class AuditTrailTest {

    @TempDir
    Path tmp;

    @Test
    void eventsChainAndAnyChangeBehindPleurasBackBreaksTheChainThere() {
        try (Database db = Database.open("jdbc:h2:file:" + tmp.resolve("db") + ";WRITE_DELAY=0", "", "", 4)) {
            long[] now = {1_700_000_000_000L};
            AuditTrail trail = new AuditTrail(db, () -> now[0]++);
            trail.record(new AuditEntry("admin", "admin", AuditAction.USER_CREATE, "marie", "role radiologist", "10.0.0.1"));
            trail.record(new AuditEntry("marie", "radiologist", AuditAction.LOGIN_SUCCESS, "marie", "session", "10.0.0.2"));
            AuditEvent third = trail.record(new AuditEntry("marie", "radiologist", AuditAction.STUDY_VIEW, "1.2.3",
                    "1 image(s)", "10.0.0.2"));
            ChainCheck ok = trail.verify();
            assertTrue(ok.intact());
            assertEquals(3, ok.events());
            assertEquals(third.hash(), ok.head());

            assertEquals(1, trail.find(new AuditQuery(0, 0, "marie", "login.", "", 10, 0)).size());
            assertEquals(2, trail.count(new AuditQuery(0, 0, "marie", "", "", 10, 0)));
            List<AuditEvent> all = new ArrayList<>();
            trail.forEach(new AuditQuery(0, 0, "", "", "", 1, 0), all::add);
            assertEquals(List.of(1L, 2L, 3L), all.stream().map(AuditEvent::id).toList(), "oldest first");

            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE audit_events SET actor = 'someone' WHERE pk = 2");
                }
                return null;
            });
            ChainCheck broken = trail.verify();
            assertFalse(broken.intact());
            assertEquals(2, broken.brokenAt());

            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("UPDATE audit_events SET actor = 'marie' WHERE pk = 2");
                    s.executeUpdate("DELETE FROM audit_events WHERE pk = 2");
                }
                return null;
            });
            assertEquals(3, trail.verify().brokenAt(), "a removed event breaks the chain at the next one");
        }
    }

    @Test
    void entriesLoseControlCharactersAndAreClipped() {
        AuditEntry e = new AuditEntry("a\u0000b", "r", AuditAction.LOGIN_FAILURE, "x".repeat(500), null, null);
        assertEquals("a b", e.actor());
        assertEquals(200, e.target().length());
        assertEquals("", e.detail());
    }
}
