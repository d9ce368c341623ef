package org.pleura.server.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Random;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.http.Problem;
import org.pleura.server.http.RouteTable;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.Pictures;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.TestNode;

/** The REST API over real HTTP: uploads, analyses, errors as problem documents, limits, health, metrics, OpenAPI. */
class RestApiTest {

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;

    private Http start(String data, UnaryOperator<ServerConfig.Builder> settings) {
        server = TestNode.open(tmp.resolve(data), settings);
        return server.http();
    }

    private static void assertProblem(HttpResponse<byte[]> r, int status, String code) throws IOException {
        assertEquals(status, r.statusCode(), new String(r.body()));
        assertEquals(Problem.MEDIA_TYPE, r.headers().firstValue("Content-Type").orElse(""));
        JsonNode p = Http.parse(r.body());
        assertEquals(status, p.get("status").asInt());
        assertEquals(code, p.get("code").asText());
        assertTrue(p.get("detail").asText().length() > 10, "a detail a user can act on: " + p);
        assertTrue(!new String(r.body()).contains("Exception"), "no stack trace: " + new String(r.body()));
    }

    @Test
    void uploadAPictureAndADicomFileThenReadTheirAnalyses() throws Exception {
        Http http = start("data", b -> b.model(TestModel.path()));
        byte[] jpeg = Files.readAllBytes(SharedImages.nihImages(1).get(0));
        HttpResponse<byte[]> r = http.post("/api/images", jpeg, "Content-Type", "image/jpeg");
        assertEquals(202, r.statusCode(), new String(r.body()));
        JsonNode accepted = Http.parse(r.body());
        assertEquals("queued", accepted.get("status").asText());
        String uid = accepted.get("sopInstanceUid").asText();
        assertTrue(uid.startsWith("2.25."), uid);

        HttpResponse<byte[]> again = http.post("/api/images", jpeg, "Content-Type", "image/jpeg");
        assertEquals(200, again.statusCode(), "the same picture is stored once");
        assertEquals(uid, Http.parse(again.body()).get("sopInstanceUid").asText());

        Path dcm = SharedImages.chestFiles().stream().filter(p -> p.toString().contains("NIHdx_Pneumothorax"))
                .findFirst().orElseThrow();
        HttpResponse<byte[]> d = http.post("/api/images", Files.readAllBytes(dcm), "Content-Type", "application/dicom");
        assertEquals(202, d.statusCode(), new String(d.body()));
        String dicomUid = Http.parse(d.body()).get("sopInstanceUid").asText();

        for (String u : new String[]{uid, dicomUid}) {
            Jobs.await(server, Duration.ofMinutes(2), "analysis of " + u, () -> {
                try {
                    return http.get("/api/instances/" + u + "/analysis").statusCode() == 200;
                } catch (Exception e) {
                    return false;
                }
            });
            JsonNode a = http.json("/api/instances/" + u + "/analysis", 200);
            assertEquals(u, a.get("image").asText());
            assertEquals("pleura-test", a.get("model").get("id").asText());
            assertTrue(a.get("disclaimer").asText().contains("not a diagnosis"));
            JsonNode i = http.json("/api/instances/" + u, 200);
            assertEquals("done", i.get("analysis").get("state").asText());
            assertEquals("upload", i.get("channel").asText());
        }
        HttpResponse<byte[]> file = http.get("/api/instances/" + dicomUid + "/file");
        assertEquals(200, file.statusCode());
        assertEquals("application/dicom", file.headers().firstValue("Content-Type").orElse(""));
        assertEquals(Files.size(dcm), file.body().length, "the stored file is the file sent");

        JsonNode study = http.json("/api/studies/" + Http.parse(d.body()).get("studyInstanceUid").asText(), 200);
        assertEquals(3, study.get("series").size(), "the source series, the SC series and the SR series: " + study);
        for (String artefact : new String[]{"sr.dcm", "sc.dcm", "overlay.png"}) {
            HttpResponse<byte[]> f = http.get("/api/instances/" + dicomUid + "/" + artefact);
            assertEquals(200, f.statusCode(), artefact);
            assertTrue(f.body().length > 1000, artefact);
        }
        assertEquals(404, http.get("/api/instances/" + uid + "/sr.dcm").statusCode(), "no SR for a picture");
        assertEquals(200, http.get("/api/instances/" + uid + "/overlay.png").statusCode());
        JsonNode studies = http.json("/api/studies?limit=10", 200);
        assertEquals(2, studies.size());
        assertEquals("image/png", http.get("/api/instances/" + uid + "/overlay.png").headers()
                .firstValue("Content-Type").orElse(""));

        JsonNode health = http.json("/health", 200);
        assertEquals("ok", health.get("status").asText(), health.toString());
        assertEquals("pleura-test", health.get("checks").get("model").get("id").asText());

        String metrics = new String(http.get("/metrics").body());
        assertTrue(metrics.contains("pleura_jobs{kind=\"analyze\",state=\"done\"} 2"), metrics);
        assertTrue(metrics.contains("pleura_received_total{channel=\"upload\",outcome=\"stored\"} 2"), metrics);
        assertTrue(metrics.contains("pleura_received_total{channel=\"upload\",outcome=\"duplicate\"} 1"), metrics);
        assertTrue(metrics.contains("pleura_analyses_total{outcome=\"analysed\"} 2"), metrics);
        assertTrue(metrics.contains("# TYPE pleura_time_to_analysis_seconds histogram"), metrics);
        assertTrue(metrics.contains("pleura_time_to_analysis_seconds_count 2"), metrics);
        assertTrue(metrics.contains("pleura_http_requests_total{method=\"POST\",route=\"/api/images\",status=\"202\"} 2"),
                metrics);
        assertTrue(metrics.contains("pleura_analyses_per_second "), metrics);
    }

    @Test
    void badRequestsGetProblemDocuments() throws Exception {
        Http http = start("data", b -> b.maxObjectBytes(100_000).maxAssociations(8).maxQueued(1000)
                .minFreeDiskBytes(0));
        assertProblem(http.post("/api/images", "hello, not an image".getBytes(), "Content-Type", "text/plain"), 415,
                "unsupported-type");
        byte[] big = new byte[150_000];
        new Random(1).nextBytes(big);
        assertProblem(http.post("/api/images", big, "Content-Type", "image/png"), 413, "too-large");
        byte[] truncated = new byte[400];
        truncated[128] = 'D';
        truncated[129] = 'I';
        truncated[130] = 'C';
        truncated[131] = 'M';
        truncated[132] = 0x02;
        assertProblem(http.post("/api/images", truncated, "Content-Type", "application/dicom"), 400, "unreadable");
        assertProblem(http.get("/api/instances/1.2.3.4"), 404, "not-found");
        assertProblem(http.get("/api/no/such/route"), 404, "not-found");
        assertProblem(http.get("/api/studies?StudyDate=yesterday"), 400, "bad-request");
        assertProblem(http.get("/api/worklist?level=critical"), 400, "bad-request");
        assertProblem(http.post("/api/jobs/12345/retry", new byte[0]), 404, "not-found");

        JsonNode health = http.json("/health", 200);
        assertEquals("degraded", health.get("status").asText(), "no model: received, not analysed");
    }

    @Test
    void limitsAnswer503And507WithRetryAfter() throws Exception {
        Http http = start("data", b -> b.maxObjectBytes(10 << 20).maxUploads(1).maxAssociations(8).maxQueued(1)
                .minFreeDiskBytes(0));
        byte[] a = Pictures.png(64, 0, 1);
        byte[] b = Pictures.png(64, 0, 2);
        // one upload slot: a second upload while the first is still streaming is refused at once
        try (java.net.Socket slow = new java.net.Socket("localhost", server.httpPort())) {
            java.io.OutputStream o = slow.getOutputStream();
            // with Expect: 100-continue (and no byte of the body yet) the server answers 100 when the upload route
            // starts reading the body, that is once the upload holds its slot
            o.write(("POST /api/images HTTP/1.1\r\nHost: localhost\r\nContent-Type: image/png\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 1000\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            o.flush();
            slow.setSoTimeout(30_000);
            String interim = new String(slow.getInputStream().readNBytes(25),
                    java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", interim, "the slow upload holds the slot");
            assertTrue(new String(http.get("/metrics").body()).contains("pleura_uploads_in_progress 1"));
            HttpResponse<byte[]> busy = http.post("/api/images", b);
            assertProblem(busy, 503, "too-many-uploads");
            assertEquals("2", busy.headers().firstValue("Retry-After").orElse(""));
            o.write(new byte[1000]);
            o.flush();
            String answer = new String(slow.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 415", answer, "the slow upload finished (and was not an image)");
        }

        assertEquals(202, http.post("/api/images", a).statusCode(), "no model: the job waits");
        HttpResponse<byte[]> full = http.post("/api/images", b);
        assertProblem(full, 503, "queue-full");
        assertTrue(full.headers().firstValue("Retry-After").isPresent());

        server.close();

        Http full2 = start("data2", s -> s.maxObjectBytes(10 << 20).maxAssociations(8).maxQueued(1000)
                .minFreeDiskBytes(Long.MAX_VALUE / 2));
        HttpResponse<byte[]> disk = full2.post("/api/images", a);
        assertProblem(disk, 507, "disk-full");
        assertEquals(503, full2.get("/health").statusCode(), "down: nothing can be received");
    }

    @Test
    void theOpenApiDocumentListsExactlyTheRoutesServed() throws Exception {
        Http http = start("data", b -> b);
        JsonNode doc = http.json("/api/openapi.json", 200);
        assertTrue(doc.get("openapi").asText().startsWith("3."));
        Set<String> documented = new HashSet<>();
        for (Iterator<String> p = doc.get("paths").fieldNames(); p.hasNext(); ) {
            String path = p.next();
            for (Iterator<String> m = doc.get("paths").get(path).fieldNames(); m.hasNext(); ) {
                String method = m.next();
                documented.add(method.toUpperCase() + " " + path);
                JsonNode op = doc.get("paths").get(path).get(method);
                assertTrue(op.has("summary") && op.has("responses"), method + " " + path);
                for (String param : path.split("/")) {
                    if (param.startsWith("{")) {
                        String name = param.substring(1, param.length() - 1);
                        boolean declared = false;
                        for (JsonNode pn : op.path("parameters")) {
                            declared |= pn.get("name").asText().equals(name) && pn.get("in").asText().equals("path");
                        }
                        assertTrue(declared, "path parameter " + name + " of " + method + " " + path);
                    }
                }
            }
        }
        Set<String> served = new HashSet<>();
        for (RouteTable.Route r : server.pleura().routes()) {
            served.add(r.method() + " " + r.path());
        }
        assertEquals(served, documented);
    }
}
