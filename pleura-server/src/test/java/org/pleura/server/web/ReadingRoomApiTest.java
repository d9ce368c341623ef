package org.pleura.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.results.Language;
import org.pleura.server.PleuraServer;
import org.pleura.server.auth.PasswordHasher;
import org.pleura.server.auth.Role;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestClock;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.TestNode;

/**
 * The reading room over real HTTP with users: sign-in, CSRF, roles, sign-in delays, API tokens and HTTP Basic, the
 * worklist with filters, the viewer's study and pixels, feedback, agreement, export and the audit trail.
 */
class ReadingRoomApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = TestNode.PASSWORD;
    /** HTTP ingestion needs a credential: an admin's, by HTTP Basic. */
    private static final String SENDER = "Basic " + Base64.getEncoder().encodeToString(("sender:" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;
    final TestClock clock = new TestClock();

    /** A browser-like client: keeps cookies, sends the CSRF token once signed in. */
    static final class Client {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).build();
        final String base;
        String csrf;

        Client(int port) {
            base = "http://localhost:" + port;
        }

        HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
            if (headers.length > 0) {
                b.headers(headers);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<byte[]> post(String path, Object body, boolean withCsrf) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (withCsrf && csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        HttpResponse<byte[]> post(String path, Object body) throws IOException, InterruptedException {
            return post(path, body, true);
        }

        JsonNode signIn(String user, String password) throws IOException, InterruptedException {
            HttpResponse<byte[]> r = post("/api/session", Map.of("username", user, "password", password), false);
            assertEquals(200, r.statusCode(), new String(r.body()));
            String cookie = r.headers().allValues("Set-Cookie").get(0);
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
            JsonNode j = JSON.readTree(r.body());
            csrf = j.get("csrfToken").asText();
            return j;
        }

        JsonNode json(String path) throws IOException, InterruptedException {
            HttpResponse<byte[]> r = get(path);
            assertEquals(200, r.statusCode(), path + ": " + new String(r.body()));
            return JSON.readTree(r.body());
        }
    }

    private void user(String name, Role role) {
        server.readingRoom().users().create(name, name.toUpperCase(), role, Language.FR,
                new PasswordHasher().hash(PASSWORD.toCharArray()), System.currentTimeMillis());
    }

    @Test
    void signInRolesCsrfTokensAndSlowDown() throws Exception {
        server = TestNode.withUsers(tmp.resolve("data"));
        user("marie", Role.RADIOLOGIST);
        user("paul", Role.CLINICIAN);
        user("root", Role.ADMIN);
        Client anonymous = new Client(server.httpPort());
        assertEquals(200, anonymous.get("/health").statusCode());
        assertEquals(401, anonymous.get("/api/studies").statusCode());
        assertEquals(401, anonymous.get("/api/reading/worklist").statusCode());
        assertEquals(200, anonymous.get("/login").statusCode(), "the sign-in page is public");
        assertTrue(anonymous.get("/worklist").headers().firstValue("Content-Security-Policy").orElse("")
                .contains("default-src 'self'"));

        Client marie = new Client(server.httpPort());
        JsonNode s = marie.signIn("Marie", PASSWORD);
        assertEquals("radiologist", s.at("/user/role").asText());
        assertTrue(s.at("/may/feedback").asBoolean());
        assertEquals(200, marie.get("/api/studies").statusCode());
        assertEquals(403, marie.get("/api/users").statusCode(), "radiologists do not manage users");
        HttpResponse<byte[]> noCsrf = marie.post("/api/me", Map.of("language", "en"), false);
        assertEquals(403, noCsrf.statusCode());
        assertEquals("csrf", JSON.readTree(noCsrf.body()).get("code").asText());
        HttpResponse<byte[]> crossSite = marie.http.send(HttpRequest.newBuilder(URI.create(marie.base + "/api/me"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", marie.csrf)
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString("{\"language\":\"en\"}"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(403, crossSite.statusCode());
        assertEquals(200, marie.post("/api/me", Map.of("language", "en")).statusCode());
        assertEquals("en", marie.json("/api/session").at("/user/language").asText());

        Client paul = new Client(server.httpPort());
        paul.signIn("paul", PASSWORD);
        assertEquals(403, paul.post("/api/reading/instances/1.2.3/verdicts", Map.of("finding", "x", "verdict", "agree"))
                .statusCode(), "clinicians read, they do not give feedback");

        Client root = new Client(server.httpPort());
        root.signIn("root", PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, anonymous.post("/api/session", Map.of("username", "paul", "password", "wrong " + i), false)
                    .statusCode());
        }
        HttpResponse<byte[]> slowed = anonymous.post("/api/session", Map.of("username", "paul", "password", PASSWORD),
                false);
        assertEquals(429, slowed.statusCode(), "this address must wait, even with the right password");
        assertEquals("slow-down", JSON.readTree(slowed.body()).get("code").asText());
        assertEquals(200, root.post("/api/users/paul", Map.of("unlock", true)).statusCode());
        new Client(server.httpPort()).signIn("paul", PASSWORD);

        JsonNode audit = root.json("/api/audit?action=login.&limit=100");
        String actions = audit.get("events").toString();
        assertTrue(actions.contains("login.locked") && actions.contains("login.failure")
                && actions.contains("login.success"), actions);
        assertTrue(root.json("/api/audit/verify").get("intact").asBoolean());

        // machines: API tokens by scope, and HTTP Basic for scripts
        JsonNode token = JSON.readTree(root.post("/api/tokens", Map.of("name", "gateway", "scopes",
                java.util.List.of("read"))).body());
        String bearer = token.get("token").asText();
        assertTrue(bearer.startsWith("plt_"));
        assertEquals(200, anonymous.get("/api/studies", "Authorization", "Bearer " + bearer).statusCode());
        assertEquals(403, anonymous.get("/api/users", "Authorization", "Bearer " + bearer).statusCode());
        assertEquals(204, root.post("/api/tokens/" + token.get("id").asLong() + "/revoke", Map.of()).statusCode());
        assertEquals(401, anonymous.get("/api/studies", "Authorization", "Bearer " + bearer).statusCode());
        String basic = Base64.getEncoder().encodeToString(("marie:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, anonymous.get("/api/studies", "Authorization", "Basic " + basic).statusCode());

        // images over HTTP: closed by default, open once an admin says so
        byte[] jpeg = Files.readAllBytes(SharedImages.nihImages(1).get(0));
        HttpResponse<byte[]> closed = anonymous.http.send(HttpRequest.newBuilder(URI.create(anonymous.base
                + "/api/images")).header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(
                jpeg)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(401, closed.statusCode(), "no credential, no images");
        assertEquals(200, root.post("/api/settings", Map.of("http-ingest", "open")).statusCode());
        HttpResponse<byte[]> open = anonymous.http.send(HttpRequest.newBuilder(URI.create(anonymous.base + "/api/images"))
                .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(202, open.statusCode(), new String(open.body()));
        assertEquals(200, root.post("/api/settings", Map.of("http-ingest", "token")).statusCode());
        assertTrue(root.json("/api/audit?action=setting.change").get("events").get(0).get("detail").asText()
                .contains("open -> token"));

        assertEquals(204, marie.post("/api/session/end", Map.of()).statusCode());
        assertEquals(401, marie.get("/api/session").statusCode(), "signed out");
    }

    @Test
    void worklistViewerFeedbackExportAndAudit() throws Exception {
        server = TestNode.withUsers(tmp.resolve("data"), b -> b.model(TestModel.path()));
        user("marie", Role.RADIOLOGIST);
        user("jean", Role.RADIOLOGIST);
        user("root", Role.ADMIN);
        Client marie = new Client(server.httpPort());
        marie.signIn("marie", PASSWORD);
        Client root = new Client(server.httpPort());
        root.signIn("root", PASSWORD);

        JsonNode catalogue = marie.json("/api/catalogue");
        assertEquals("pleura-test", catalogue.at("/model/id").asText());
        assertTrue(catalogue.get("findings").size() > 3, "the whole catalogue, for missed findings");
        JsonNode ptx = null;
        for (JsonNode f : catalogue.get("findings")) {
            if (f.get("read").asBoolean()) {
                assertTrue(f.at("/names/fr").asText().length() > 2 && f.has("operatingPoints"), f.toString());
                ptx = f;
            }
        }
        assertTrue(ptx != null);

        HttpClient plain = HttpClient.newHttpClient();
        user("sender", Role.ADMIN);
        String study = null;
        for (Path p : SharedImages.nihImages(2)) {
            HttpResponse<byte[]> r = plain.send(HttpRequest.newBuilder(URI.create(marie.base + "/api/images"))
                    .header("Authorization", SENDER).header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofFile(p)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(202, r.statusCode(), new String(r.body()));
            study = JSON.readTree(r.body()).get("studyInstanceUid").asText();
        }
        Jobs.await(server, Duration.ofMinutes(2), "both analyses", () -> {
            try {
                JsonNode w = marie.json("/api/reading/worklist");
                int done = 0;
                for (JsonNode s : w.get("studies")) {
                    done += s.at("/images/done").asInt(0);
                }
                return done == 2;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode list = marie.json("/api/reading/worklist");
        assertEquals(2, list.get("total").asInt());
        assertFalse(list.at("/studies/0/reviewed").asBoolean());
        assertEquals(0, marie.json("/api/reading/worklist?reviewed=yes").get("total").asInt());

        JsonNode view = marie.json("/api/reading/studies/" + study);
        JsonNode image = view.at("/images/0");
        String sop = image.get("sopInstanceUid").asText();
        assertEquals("analysed", image.get("status").asText());
        assertEquals(3, image.get("findings").size());
        JsonNode first = image.at("/findings/0");
        String finding = first.get("id").asText();

        assertTrue(image.get("heatMaps").asBoolean(), "the analysis kept its heat maps");
        JsonNode maps = marie.json("/api/reading/instances/" + sop + "/heatmaps").get("findings");
        JsonNode map = maps.get(finding);
        assertEquals(map.get("width").asInt() * map.get("height").asInt(), map.get("values").size());
        double max = 0;
        for (JsonNode v : map.get("values")) {
            assertTrue(v.asDouble() >= 0 && v.asDouble() <= 1);
            max = Math.max(max, v.asDouble());
        }
        assertEquals(1.0, max, 1e-9, "scaled by the maximum");
        HttpResponse<byte[]> px = marie.get("/api/reading/instances/" + sop + "/pixels");
        assertEquals(200, px.statusCode());
        assertEquals("gzip", px.headers().firstValue("Content-Encoding").orElse(""));
        byte[] raw = new GZIPInputStream(new ByteArrayInputStream(px.body())).readAllBytes();
        assertEquals("PLX1", new String(raw, 0, 4, StandardCharsets.US_ASCII));
        int n = ByteBuffer.wrap(raw, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        JsonNode header = JSON.readTree(new String(raw, 8, n, StandardCharsets.UTF_8));
        assertTrue(header.get("width").asInt() >= 256 && header.get("height").asInt() >= 256, header.toString());
        assertTrue(header.get("default").get("width").asDouble() > 0, header.toString());
        assertEquals(8 + n + 2L * header.get("width").asInt() * header.get("height").asInt(), raw.length);

        assertEquals(200, marie.post("/api/reading/instances/" + sop + "/verdicts",
                Map.of("finding", finding, "verdict", "agree")).statusCode());
        HttpResponse<byte[]> again = marie.post("/api/reading/instances/" + sop + "/verdicts",
                Map.of("finding", finding, "verdict", "disagree"));
        JsonNode fb = JSON.readTree(again.body()).get("feedback");
        assertEquals(1, fb.size(), "a new opinion replaces the old one");
        assertEquals("disagree", fb.get(0).get("kind").asText());
        assertEquals(first.get("call").asText(), fb.get(0).get("modelCall").asText(), "the call is the stored one");
        HttpResponse<byte[]> mark = marie.post("/api/reading/instances/" + sop + "/marks",
                Map.of("finding", "nodule", "x", -10, "y", 20, "w", 100, "h", 80));
        assertEquals(201, mark.statusCode(), new String(mark.body()));
        JsonNode added = JSON.readTree(mark.body()).get("feedback").get(1);
        assertEquals("added", added.get("kind").asText(), new String(mark.body()));
        assertEquals(0.0, added.at("/box/x").asDouble(), "clipped to the image");
        assertEquals(90.0, added.at("/box/w").asDouble());
        assertEquals(400, marie.post("/api/reading/instances/" + sop + "/marks",
                Map.of("finding", "not_a_finding", "x", 1, "y", 1, "w", 5, "h", 5)).statusCode());

        Client jean = new Client(server.httpPort());
        jean.signIn("jean", PASSWORD);
        assertEquals(404, jean.post("/api/reading/marks/" + added.get("id").asLong() + "/withdraw", Map.of())
                .statusCode(), "only one's own marks");
        assertEquals(1, marie.json("/api/reading/worklist?reviewed=yes").get("total").asInt());
        assertEquals(1, marie.json("/api/reading/worklist?reviewed=no").get("total").asInt());
        assertEquals(0, marie.json("/api/reading/worklist?q=nobody-by-that-name").get("total").asInt());

        JsonNode agreement = root.json("/api/feedback/agreement");
        JsonNode row = null;
        for (JsonNode f : agreement.get("findings")) {
            if (f.get("finding").asText().equals(finding)) {
                row = f;
            }
        }
        assertEquals(1, row.get("disagreed").asInt());
        HttpResponse<byte[]> zip = root.get("/api/feedback/export.zip");
        assertEquals(200, zip.statusCode());
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                entries.put(e.getName(), e.getName().endsWith(".png") ? "png" : new String(z.readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        }
        String manifest = entries.get("manifest.csv");
        assertTrue(manifest.startsWith("path,patient_id,source,"), manifest);
        assertEquals(2, manifest.lines().count(), "one image with feedback: " + manifest);
        String boxes = entries.get("boxes.csv");
        assertTrue(boxes.lines().skip(1).anyMatch(l -> l.contains(",nodule,0.0,20.0,90.0,80.0")), boxes);
        String path = manifest.lines().skip(1).findFirst().orElseThrow().split(",")[0];
        assertEquals("png", entries.get(path));
        assertFalse(manifest.contains(sop) || boxes.contains(sop), "no identifier leaves in the export");

        JsonNode trail = root.json("/api/audit?limit=200");
        String all = trail.get("events").toString();
        for (String a : new String[]{"study.view", "feedback.verdict", "feedback.mark", "export.feedback"}) {
            assertTrue(all.contains("\"" + a + "\""), a + " in " + all);
        }
        assertTrue(root.json("/api/audit?target=" + study).get("total").asInt() >= 1);
        HttpResponse<byte[]> csv = root.get("/api/audit.csv?action=feedback.");
        assertEquals(200, csv.statusCode());
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("id,time,actor,role,action,target,detail,ip,hash"), text);
        assertEquals(3, text.lines().count() - 1, text);
        assertTrue(root.json("/api/audit/verify").get("intact").asBoolean());
    }

    @Test
    void aStudyWaitingTooLongComesFirstUntilAReaderGaveFeedback() throws Exception {
        ScriptedReading reading = new ScriptedReading(TestModel.OUTPUTS);
        server = TestNode.start(tmp.resolve("data"), b -> b.model(TestModel.path())
                .worklistMaxWait(Duration.ofSeconds(3)), c -> PleuraServer.start(c, reading,
                (d, f) -> new org.pleura.server.dimse.SendOutcome.Acknowledged(), clock));
        user("marie", Role.RADIOLOGIST);
        user("sender", Role.ADMIN);
        Client marie = new Client(server.httpPort());
        marie.signIn("marie", PASSWORD);
        Path source = SharedImages.chestFiles().stream()
                .filter(p -> p.getFileName().toString().equals("CRchest440_MONO1_explicitLE.dcm")).findFirst()
                .orElseThrow();
        String routine = upload(marie, source, ScriptedReading.ROUTINE, 1);
        clock.advance(Duration.ofMillis(3_500));
        String urgent = upload(marie, source, ScriptedReading.URGENT, 2);
        Jobs.await(server, Duration.ofMinutes(1), "2 analyses", () -> {
            try {
                return marie.json("/api/reading/worklist?call=positive").get("total").asInt() == 1
                        && marie.json("/api/reading/worklist").get("total").asInt() == 2;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode list = marie.json("/api/reading/worklist").get("studies");
        assertEquals(routine, list.get(0).get("studyInstanceUid").asText(), "overdue first: " + list);
        assertTrue(list.get(0).get("overdue").asBoolean());
        assertEquals("urgent_positive", list.get(1).get("level").asText());

        String sop = marie.json("/api/reading/studies/" + routine).at("/images/0/sopInstanceUid").asText();
        String finding = reading.first(org.pleura.model.catalogue.Urgency.URGENT).id();
        assertEquals(200, marie.post("/api/reading/instances/" + sop + "/verdicts",
                Map.of("finding", finding, "verdict", "agree")).statusCode());
        list = marie.json("/api/reading/worklist").get("studies");
        assertEquals(urgent, list.get(0).get("studyInstanceUid").asText(), "read, it waits no more: " + list);
        assertFalse(list.get(1).get("overdue").asBoolean());
        assertTrue(list.get(1).get("reviewed").asBoolean());
        assertEquals(1, marie.json("/api/reading/worklist?level=urgent_positive").get("total").asInt());
        assertEquals(1, marie.json("/api/reading/worklist?finding=" + finding).get("total").asInt());
        assertEquals(400, marie.get("/api/reading/worklist?call=maybe").statusCode());
    }

    private static String upload(Client c, Path source, String accession, int n) throws Exception {
        Path copy = Files.createTempDirectory("pleura-wl").resolve(n + ".dcm");
        String study = ReadingRoomBrowserTest.copyAs(source, copy, accession, "TEST^PATIENT" + n, "P" + n,
                "19700101", "F");
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(c.base
                + "/api/images")).header("Authorization", SENDER).header("Content-Type", "application/dicom")
                .POST(HttpRequest.BodyPublishers.ofFile(copy)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(202, r.statusCode(), new String(r.body()));
        return study;
    }
}
