package org.pleura.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.model.catalogue.FindingCatalogue;
import org.pleura.results.Language;
import org.pleura.server.PleuraServer;
import org.pleura.server.auth.PasswordHasher;
import org.pleura.server.auth.Role;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.work.JobEvents;
import org.pleura.train.manifest.BoxesFile;
import org.pleura.train.manifest.Label;
import org.pleura.train.manifest.Manifest;
import org.pleura.train.manifest.ManifestEntry;
import org.pleura.train.manifest.ManifestReader;

/** Feedback given through the server's API, exported by {@code pleura export-feedback}, read as pleura train reads it. */
class ExportFeedbackCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void feedbackBecomesAManifestBoxesAndImagesThatTrainingReads() throws Exception {
        Path model = TestModels.random(tmp.resolve("model"));
        Path data = tmp.resolve("data");
        Path picture;
        try (Stream<Path> s = Files.list(DumpAndConvertTest.shared("data/nih-cxr/images"))) {
            picture = s.sorted().findFirst().orElseThrow();
        }
        String sop;
        String first;
        Label expected;
        try (PleuraServer server = PleuraServer.start(ServerConfig.builder(data).httpPort(0).dicomPort(0)
                .model(model).build())) {
            server.readingRoom().users().create("marie", "Dr Marie", Role.RADIOLOGIST, Language.FR,
                    new PasswordHasher().hash("export test password".toCharArray()), System.currentTimeMillis());
            String base = "http://localhost:" + server.httpPort();
            String auth = "Basic " + Base64.getEncoder().encodeToString("marie:export test password"
                    .getBytes(StandardCharsets.UTF_8));
            HttpClient http = HttpClient.newHttpClient();
            server.readingRoom().users().create("sender", "Gateway", Role.ADMIN, Language.FR,
                    new PasswordHasher().hash("export test password".toCharArray()), System.currentTimeMillis());
            String sender = "Basic " + Base64.getEncoder().encodeToString("sender:export test password"
                    .getBytes(StandardCharsets.UTF_8));
            // sending images over HTTP needs a credential (closed by default)
            HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(base + "/api/images"))
                    .header("Authorization", sender).header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofFile(picture)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, up.statusCode(), up.body());
            sop = JSON.readTree(up.body()).get("sopInstanceUid").asText();
            String study = JSON.readTree(up.body()).get("studyInstanceUid").asText();
            // no polling: the view is read again each time one of the server's job attempts ends
            JobEvents jobs = server.jobEvents();
            JsonNode image;
            while (true) {
                long seen = jobs.ended();
                JsonNode view = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/reading/studies/"
                        + study)).header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body());
                image = view.at("/images/0");
                if ("analysed".equals(image.path("status").asText())
                        || jobs.awaitMoreThan(seen, Duration.ofMinutes(2)) == seen) {
                    break;
                }
            }
            assertEquals("analysed", image.path("status").asText());
            // the model's calls are random: say the finding is there whatever the call (agree with a positive or
            // doubtful call, disagree with a negative one), and add a missed one
            JsonNode f = image.at("/findings/0");
            first = f.get("id").asText();
            String call = f.get("call").asText();
            post(http, base + "/api/reading/instances/" + sop + "/verdicts", auth, "{\"finding\":\"" + first
                    + "\",\"verdict\":\"" + (call.equals("negative") ? "disagree" : "agree") + "\"}", 200);
            expected = call.equals("doubtful") ? Label.UNKNOWN : Label.POSITIVE;
            post(http, base + "/api/reading/instances/" + sop + "/marks", auth,
                    "{\"finding\":\"nodule\",\"x\":100,\"y\":120,\"w\":60,\"h\":50}", 201);

            CliRun busy = CliRun.of("export-feedback", "--out", tmp.resolve("busy").toString(), "--data",
                    data.toString(), "--model", model.toString());
            assertTrue(busy.status() != 0 && busy.err().contains("web page"), "a running server: " + busy.err());
        }

        Path out = tmp.resolve("export");
        CliRun run = CliRun.of("export-feedback", "--out", out.toString(), "--data", data.toString(), "--model",
                model.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("1 image(s)"), run.out());
        List<String> ids = FindingCatalogue.chest().ids();
        Manifest m = ManifestReader.forFindings(ids).read(out.resolve("manifest.csv"));
        assertEquals(1, m.entries().size());
        ManifestEntry e = m.entries().get(0);
        assertTrue(Files.isRegularFile(out.resolve(e.path())), "the image is beside the manifest: " + e.path());
        assertEquals(Label.POSITIVE, e.label("nodule"), "added as missed");
        assertEquals(expected, e.label(first), "the verdict on " + first);
        assertEquals(Label.UNKNOWN, e.label(ids.get(ids.size() - 1)), "no opinion: unknown");
        assertEquals(ids.size(), m.labelColumns().size(), "a column per catalogue finding: " + m.labelColumns());
        BoxesFile boxes = BoxesFile.read(out.resolve("boxes.csv"));
        assertEquals(1, boxes.boxes().size());
        assertTrue(!Files.readString(out.resolve("manifest.csv")).contains(sop), "no UID in the export");
    }

    private static void post(HttpClient http, String url, String auth, String body, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), r.body());
    }
}
