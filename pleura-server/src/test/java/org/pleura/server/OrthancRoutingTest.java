package org.pleura.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.UID;
import org.pleura.dicom.net.DicomNode;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.Orthanc;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.TestNode;
import org.pleura.server.testing.Tools;

/** Pleura with a real Orthanc as PACS: results routed to it, images received from it, a PACS that is down at first. */
class OrthancRoutingTest {

    static final String SR_CLASS = "1.2.840.10008.5.1.4.1.1.88.33";
    static final String SC_CLASS = "1.2.840.10008.5.1.4.1.1.7";

    @TempDir
    Path tmp;
    @AutoClose
    TestNode pleura;
    Orthanc orthanc;

    @AfterEach
    void stop() throws Exception {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    private List<Path> nihStudy(String study, int n) throws Exception {
        List<Path> sources = SharedImages.chestFiles().stream()
                .filter(p -> p.getFileName().toString().startsWith("NIHdx_") && p.toString().contains("explicitLE"))
                .toList();
        List<Path> out = new ArrayList<>();
        String series = UID.generate();
        for (int i = 0; i < n; i++) {
            Path copy = tmp.resolve("send").resolve("img" + i + ".dcm");
            Files.createDirectories(copy.getParent());
            SharedImages.copyWithNewUids(sources.get(i % sources.size()), copy, study, series);
            out.add(copy);
        }
        return out;
    }

    private static void storescu(int port, List<Path> files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "MODALITY", "-aec", "PLEURA", "localhost",
                Integer.toString(port)));
        files.forEach(f -> cmd.add(f.toString()));
        Tools.Result r = Tools.run(Duration.ofSeconds(120), cmd);
        assertTrue(r.ok(), r.output());
    }

    private void awaitRoutes(Http http, int done) throws InterruptedException {
        Jobs.await(pleura, Duration.ofMinutes(3), done + " routes done", () -> {
            try {
                return http.json("/api/jobs?kind=route&state=done", 200).size() == done;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void resultsReachOrthancAndOrthancSendsImagesToPleura() throws Exception {
        Tools.require("storescu", "dcmtk");
        orthanc = Orthanc.start(tmp.resolve("orthanc"), "PLEURA", 0);
        pleura = TestNode.open(tmp.resolve("data"), b -> b.model(TestModel.path())
                .routes(List.of(DicomNode.parse(orthanc.node()))));
        Http http = pleura.http();
        String study = UID.generate();
        storescu(pleura.dicomPort(), nihStudy(study, 3));
        awaitRoutes(http, 3);

        List<JsonNode> held = orthanc.instanceTags();
        assertEquals(6, held.size(), "one SR and one SC per image: " + held);
        Set<String> uids = new HashSet<>();
        int sr = 0;
        int sc = 0;
        for (JsonNode t : held) {
            assertEquals(study, t.get("StudyInstanceUID").asText(), "results join the source study");
            uids.add(t.get("SOPInstanceUID").asText());
            String cls = t.get("SOPClassUID").asText();
            sr += cls.equals(SR_CLASS) ? 1 : 0;
            sc += cls.equals(SC_CLASS) ? 1 : 0;
        }
        assertEquals(3, sr);
        assertEquals(3, sc);
        assertEquals(6, uids.size());

        // Orthanc as a modality: an image stored in Orthanc is sent to Pleura, analysed, and its results come back
        orthanc.declarePleura("PLEURA", pleura.dicomPort());
        Path extra = nihStudy(UID.generate(), 1).get(0);
        String orthancId = orthanc.upload(extra);
        HttpResponse<byte[]> sent = orthanc.http().post("/modalities/pleura/store",
                ("{\"Resources\": [\"" + orthancId + "\"], \"Synchronous\": true}").getBytes(),
                "Content-Type", "application/json");
        assertEquals(200, sent.statusCode(), new String(sent.body()));
        awaitRoutes(http, 4);
        JsonNode received = http.json("/api/instances/" + org.pleura.dicom.DicomReader.read(extra,
                org.pleura.dicom.ReadOptions.HEADER_ONLY).dataset().getString(org.pleura.dicom.Tag.SOPInstanceUID), 200);
        assertEquals("dimse", received.get("channel").asText());
        assertEquals("done", received.get("routes").get(0).get("state").asText());
        assertEquals(9, orthanc.instances().size(), "6 + the image + its SR and SC");

        String metrics = new String(http.get("/metrics").body());
        assertTrue(metrics.contains("pleura_time_to_result_seconds_count 4"), metrics);
        assertTrue(metrics.contains("pleura_routes_total{outcome=\"sent\"} 4"), metrics);
    }

    @Test
    void aPacsThatIsDownGetsTheResultsOnceItIsBack() throws Exception {
        Tools.require("storescu", "dcmtk");
        Orthanc.executable();
        int orthancPort = Tools.freePort();
        pleura = TestNode.open(tmp.resolve("data"), b -> b.model(TestModel.path())
                .routes(List.of(new DicomNode(Orthanc.AET, "127.0.0.1", orthancPort))).workers(1).routeWorkers(2)
                .routeMaxBackoff(Duration.ofSeconds(2)));
        Http http = pleura.http();
        storescu(pleura.dicomPort(), nihStudy(UID.generate(), 2));
        Jobs.await(pleura, Duration.ofMinutes(2), "failed sending attempts", () -> {
            try {
                JsonNode jobs = http.json("/api/jobs?kind=route&state=queued", 200);
                return jobs.size() == 2 && jobs.get(0).get("attempts").asInt() >= 2;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode waiting = http.json("/api/jobs?kind=route", 200).get(0);
        assertTrue(waiting.get("lastError").asText().contains(String.valueOf(orthancPort)), waiting.toString());
        orthanc = Orthanc.start(tmp.resolve("orthanc"), "PLEURA", 0, orthancPort);
        awaitRoutes(http, 2);
        assertEquals(4, orthanc.instances().size());
    }
}
