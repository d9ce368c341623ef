package org.pleura.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.server.audit.AuditEvent;
import org.pleura.server.audit.AuditQuery;
import org.pleura.server.auth.Role;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Pictures;
import org.pleura.server.testing.TestNode;

/** Every read of patient data over REST, DICOMweb and the viewer, and every job operation, is in the audit trail. */
class DataAccessAuditTest {

    private static final String PASSWORD = TestNode.PASSWORD;

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;

    private List<AuditEvent> events(String action) {
        return server.readingRoom().audit().find(new AuditQuery(0, 0, "", action, "", 1000, 0));
    }

    @Test
    void readsStoresAndRetriesAreAuditedWithWhoWhatWhereAndOutcome() throws Exception {
        server = TestNode.withUsers(tmp.resolve("data"));
        Http anonymous = server.http();
        Http paul = server.user("paul", Role.CLINICIAN);
        Http root = server.user("root", Role.ADMIN);

        var stored = root.post("/api/images", Pictures.png(64, 3, 3), "Content-Type", "image/png");
        assertEquals(202, stored.statusCode(), new String(stored.body()));
        JsonNode s = Http.parse(stored.body());
        String study = s.get("studyInstanceUid").asText();
        String sop = s.get("sopInstanceUid").asText();

        assertEquals(401, anonymous.get("/api/studies").statusCode());
        assertEquals(200, paul.get("/api/studies?limit=5").statusCode());
        assertEquals(200, paul.get("/api/instances/" + sop).statusCode());
        assertEquals(200, paul.get("/dicomweb/studies?PatientID=SECRET-ID").statusCode());
        assertEquals(200, paul.get("/api/reading/instances/" + sop + "/pixels").statusCode());
        int jobs = root.get("/api/jobs").statusCode();
        assertEquals(200, jobs);
        root.post("/api/jobs/1/retry", new byte[0]);

        List<AuditEvent> reads = events("data.read");
        assertTrue(reads.stream().noneMatch(e -> e.actor().equals("anonymous")), "a 401 read nothing: not recorded");
        assertTrue(reads.stream().anyMatch(e -> e.actor().equals("paul") && e.target().equals(sop)
                && e.detail().equals("GET /api/instances/{instance} -> 200") && e.ip().equals("127.0.0.1")), reads
                .toString());
        assertTrue(reads.stream().anyMatch(e -> e.actor().equals("paul") && e.target().equals(sop)
                && e.detail().startsWith("GET /api/reading/instances/{instance}/pixels -> 200")));
        AuditEvent search = reads.stream().filter(e -> e.detail().startsWith("GET /dicomweb/studies ->"))
                .findFirst().orElseThrow();
        assertEquals("GET /dicomweb/studies -> 200 (1 query parameter)", search.detail());
        assertTrue(reads.stream().noneMatch(e -> e.detail().contains("SECRET-ID")),
                "query values (patient identifiers) are never written");
        assertTrue(events("data.store").stream().anyMatch(e -> e.actor().equals("root")
                && e.detail().equals("POST /api/images -> 202")));
        List<AuditEvent> ops = events("admin.operation");
        assertTrue(ops.stream().anyMatch(e -> e.detail().startsWith("GET /api/jobs -> 200")));
        assertTrue(ops.stream().anyMatch(e -> e.target().equals("1") && e.detail().startsWith(
                "POST /api/jobs/{job}/retry -> ")), ops.toString());
        assertTrue(server.readingRoom().audit().verify().intact());
        assertTrue(study.length() > 0);
    }
}
