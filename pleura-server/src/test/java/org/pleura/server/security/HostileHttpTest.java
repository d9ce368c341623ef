package org.pleura.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.results.Language;
import org.pleura.server.audit.AuditEvent;
import org.pleura.server.audit.AuditQuery;
import org.pleura.server.auth.PasswordHasher;
import org.pleura.server.auth.Role;
import org.pleura.server.testing.Pictures;
import org.pleura.server.testing.RawHttp;
import org.pleura.server.testing.TestClock;
import org.pleura.server.testing.TestNode;

/**
 * The hostile probe's HTTP attacks, each replayed over real sockets against a running server, from several client
 * addresses (127.0.0.x), with a test clock moved forward instead of sleeping.
 */
class HostileHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = TestNode.PASSWORD;

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;
    final TestClock clock = new TestClock();

    @BeforeEach
    void start() {
        server = TestNode.withUsers(tmp.resolve("data"), b -> b, clock);
        for (String[] u : new String[][]{{"paul", "clinician"}, {"root", "admin"}}) {
            server.readingRoom().users().create(u[0], u[0], Role.parse(u[1]).orElseThrow(), Language.EN,
                    new PasswordHasher().hash(PASSWORD.toCharArray()), clock.millis());
        }
    }

    private RawHttp.Answer signIn(String from, String user, String password, String next) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("username", user, "password", password, "next", next));
        try (RawHttp c = RawHttp.connect(from, server.httpPort())) {
            c.head("POST /api/session HTTP/1.1", "Host: localhost", "Content-Type: application/json",
                    "Content-Length: " + body.length, "Connection: close").send(body);
            return c.read();
        }
    }

    private RawHttp.Answer signIn(String from, String user, String password) throws Exception {
        return signIn(from, user, password, "");
    }

    private static String code(RawHttp.Answer a) throws Exception {
        return JSON.readTree(a.body()).path("code").asText();
    }

    private static String basic(String user) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void failedSignInsSlowTheClientDownWithoutLockingTheAccountOrNamingUsers() throws Exception {
        for (int i = 0; i < 5; i++) {
            RawHttp.Answer known = signIn("127.0.0.1", "paul", "wrong " + i);
            RawHttp.Answer unknown = signIn("127.0.0.1", "ghost", "wrong " + i);
            assertEquals(401, known.status());
            assertEquals(known.status(), unknown.status());
            assertEquals(known.text(), unknown.text(), "the same answer for a known and an unknown name");
        }
        RawHttp.Answer slowed = signIn("127.0.0.1", "paul", PASSWORD);
        assertEquals(429, slowed.status(), "this address must wait, even with the right password");
        assertEquals("slow-down", code(slowed));
        assertEquals("1", slowed.header("Retry-After"));
        RawHttp.Answer slowedUnknown = signIn("127.0.0.1", "ghost", PASSWORD);
        assertEquals(slowed.text(), slowedUnknown.text(), "unknown names are slowed down the same way");

        assertEquals(200, signIn("127.0.0.2", "paul", PASSWORD).status(),
                "paul signs in from his own workstation: a stranger cannot lock the account");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(401, signIn("127.0.0.1", "paul", "wrong again").status());
        RawHttp.Answer doubled = signIn("127.0.0.1", "paul", PASSWORD);
        assertEquals(429, doubled.status());
        assertEquals("2", doubled.header("Retry-After"), "the wait doubles with every further failure");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(200, signIn("127.0.0.1", "paul", PASSWORD).status(), "after the wait, the right password works");
        assertEquals(401, signIn("127.0.0.1", "paul", "wrong").status(), "and the count starts again");

        List<AuditEvent> events = server.readingRoom().audit().find(new AuditQuery(0, 0, "", "login.", "", 100, 0));
        assertTrue(events.stream().anyMatch(e -> e.action().equals("login.locked") && e.ip().equals("127.0.0.1")),
                "attempts refused while waiting are audited");
    }

    @Test
    void failedSignInAuditRowsAreBoundedPerWindow() throws Exception {
        for (int i = 0; i < 60; i++) {
            RawHttp.Answer a = signIn("127.0.0.3", "random-" + i, "x");
            assertTrue(a.status() == 401 || a.status() == 429, a.text());
        }
        AuditQuery fromProbe = new AuditQuery(0, 0, "", "login.", "", 1000, 0);
        long rows = server.readingRoom().audit().find(fromProbe).stream().filter(e -> e.ip().equals("127.0.0.3"))
                .count();
        assertEquals(20, rows, "at most 20 rows per address and window, whatever the attacker sends");
        clock.advance(Duration.ofMinutes(11));
        signIn("127.0.0.3", "random-next", "x");
        List<AuditEvent> all = server.readingRoom().audit().find(fromProbe);
        assertTrue(all.stream().anyMatch(e -> e.detail().startsWith("40 more refused sign-ins not recorded one by one")),
                () -> "one summary row counts the others: " + all.stream().map(AuditEvent::detail).toList());
        assertTrue(server.readingRoom().audit().verify().intact());
    }

    @Test
    void signInSendsTheBrowserOnlyToPathsOnThisSite() throws Exception {
        String[][] cases = {
                {"/\\evil.example/phish", "/worklist"},
                {"//evil.example/phish", "/worklist"},
                {"https://evil.example/", "/worklist"},
                {"javascript:alert(1)", "/worklist"},
                {"/\t/evil.example", "/worklist"},
                {"/viewer?study=1.2.3", "/viewer?study=1.2.3"},
                {"", "/worklist"}};
        for (String[] c : cases) {
            RawHttp.Answer a = signIn("127.0.0.4", "paul", PASSWORD, c[0]);
            assertEquals(200, a.status(), a.text());
            assertEquals(c[1], JSON.readTree(a.body()).get("next").asText(), "next=" + c[0]);
        }
    }

    @Test
    void headIsCheckedLikeGet() throws Exception {
        for (String path : List.of("/api/studies", "/api/audit", "/api/users", "/dicomweb/studies", "/api/worklist")) {
            try (RawHttp c = RawHttp.connect("127.0.0.1", server.httpPort())) {
                RawHttp.Answer a = c.head("HEAD " + path + " HTTP/1.1", "Host: localhost", "Connection: close").read();
                assertEquals(401, a.status(), "HEAD " + path);
            }
        }
        try (RawHttp c = RawHttp.connect("127.0.0.1", server.httpPort())) {
            assertEquals(200, c.head("HEAD /api/studies HTTP/1.1", "Host: localhost", basic("paul"),
                    "Connection: close").read().status());
        }
        try (RawHttp c = RawHttp.connect("127.0.0.1", server.httpPort())) {
            assertEquals(403, c.head("HEAD /api/users HTTP/1.1", "Host: localhost", basic("paul"),
                    "Connection: close").read().status(), "a clinician's HEAD on an admin route is refused");
        }
    }

    @Test
    void originMustMatchHostNotForwardedHostAndLinksIgnoreHost() throws Exception {
        RawHttp.Answer s = signIn("127.0.0.1", "paul", PASSWORD);
        String cookie = s.header("Set-Cookie").split(";")[0];
        String csrf = JSON.readTree(s.body()).get("csrfToken").asText();
        byte[] body = "{\"language\":\"fr\"}".getBytes(StandardCharsets.UTF_8);
        try (RawHttp c = RawHttp.connect("127.0.0.1", server.httpPort())) {
            RawHttp.Answer a = c.head("POST /api/me HTTP/1.1", "Host: localhost:" + server.httpPort(),
                    "Origin: https://evil.example", "X-Forwarded-Host: evil.example", "Cookie: " + cookie,
                    "X-CSRF-Token: " + csrf, "Content-Type: application/json", "Content-Length: " + body.length,
                    "Connection: close").send(body).read();
            assertEquals(403, a.status(), "X-Forwarded-Host does not make another origin the same");
            assertEquals("cross-origin", code(a));
        }
        try (RawHttp c = RawHttp.connect("127.0.0.1", server.httpPort())) {
            RawHttp.Answer a = c.head("POST /api/me HTTP/1.1", "Host: localhost:" + server.httpPort(),
                    "Origin: http://localhost:" + server.httpPort(), "Cookie: " + cookie, "X-CSRF-Token: " + csrf,
                    "Content-Type: application/json", "Content-Length: " + body.length, "Connection: close")
                    .send(body).read();
            assertEquals(200, a.status(), a.text());
        }

        byte[] png = Pictures.png(64, 7, 1);
        try (RawHttp c = RawHttp.connect("127.0.0.1", server.httpPort())) {
            RawHttp.Answer a = c.head("POST /api/images HTTP/1.1", "Host: localhost", basic("root"),
                    "Content-Type: image/png", "Content-Length: " + png.length, "Connection: close").send(png).read();
            assertEquals(202, a.status(), a.text());
        }
        try (RawHttp c = RawHttp.connect("127.0.0.1", server.httpPort())) {
            RawHttp.Answer a = c.head("GET /dicomweb/studies HTTP/1.1", "Host: rebound.evil.example", basic("paul"),
                    "Connection: close").read();
            assertEquals(200, a.status(), a.text());
            JsonNode studies = JSON.readTree(a.body());
            String url = studies.get(0).path("00081190").path("Value").get(0).asText();
            assertTrue(url.startsWith("http://127.0.0.1:" + server.httpPort() + "/dicomweb/studies/"),
                    "retrieve URLs name the address the request arrived on, not its Host header: " + url);
        }
    }

    private int uploadsInProgress() throws Exception {
        try (RawHttp c = RawHttp.connect("127.0.0.1", server.httpPort())) {
            String metrics = c.head("GET /metrics HTTP/1.1", "Host: localhost", "Connection: close").read().text();
            return metrics.lines().filter(l -> l.startsWith("pleura_uploads_in_progress ")).findFirst()
                    .map(l -> (int) Double.parseDouble(l.split(" ")[1])).orElse(-1);
        }
    }

    /**
     * Starts an upload that holds its slot: with Expect: 100-continue and no byte of the body yet, the server answers
     * 100 when the upload route starts reading the body, that is once the upload has its slot.
     */
    private RawHttp slowUpload(String from) throws Exception {
        RawHttp c = RawHttp.connect(from, server.httpPort());
        RawHttp.Answer interim = c.head("POST /api/images HTTP/1.1", "Host: localhost", basic("root"),
                "Content-Type: image/png", "Content-Length: 1000000", "Expect: 100-continue").read();
        assertEquals(100, interim.status(), interim.text());
        c.send(new byte[100]);
        return c;
    }

    @Test
    void uploadsAreRefusedAtTheHeadersLimitedPerClientAndCutWhenTooSlow() throws Exception {
        try (RawHttp c = RawHttp.connect("127.0.0.1", server.httpPort())) {
            RawHttp.Answer a = c.head("POST /api/images HTTP/1.1", "Host: localhost", basic("root"),
                    "Content-Type: image/png", "Content-Length: 2147483648").read();
            assertEquals(413, a.status(), "a declared length over the limit is refused before any byte of the body");
            assertTrue(c.closedByServer(), "and the connection is closed: the body is never read");
        }
        try (RawHttp slow1 = slowUpload("127.0.0.5"); RawHttp slow2 = slowUpload("127.0.0.5")) {
            assertEquals(2, uploadsInProgress());
            try (RawHttp third = RawHttp.connect("127.0.0.5", server.httpPort())) {
                RawHttp.Answer a = third.head("POST /api/images HTTP/1.1", "Host: localhost", basic("root"),
                        "Content-Type: image/png", "Content-Length: 1000000").read();
                assertEquals(429, a.status(), "a third upload at once from the same address waits its turn: " + a.text());
                assertEquals("2", a.header("Retry-After"));
            }
            byte[] png = Pictures.png(64, 9, 2);
            try (RawHttp other = RawHttp.connect("127.0.0.6", server.httpPort())) {
                RawHttp.Answer a = other.head("POST /api/images HTTP/1.1", "Host: localhost", basic("root"),
                        "Content-Type: image/png", "Content-Length: " + png.length, "Connection: close").send(png)
                        .read();
                assertEquals(202, a.status(), "another client still sends: " + a.text());
            }
            clock.advance(Duration.ofSeconds(60));
            slow1.send(new byte[100]);
            RawHttp.Answer cut = slow1.read();
            assertEquals(408, cut.status(), "200 bytes in a minute is below the minimum rate: " + cut.text());
            assertEquals("too-slow", code(cut));
            slow2.send(new byte[10]);
            assertEquals(408, slow2.read().status());
        }
        assertEquals(0, uploadsInProgress(), "an upload's slot is freed before its answer is sent");
    }
}
