package org.pleura.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.UID;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Orthanc;
import org.pleura.server.testing.ProcessOutput;
import org.pleura.server.testing.ServerProcess;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.Tools;

/**
 * {@code kill -9} in the middle of a batch, twice (while receiving, then while sending results), with a restart on
 * the same data directory each time: every object acknowledged by C-STORE is still there, every job completes, and
 * Orthanc holds exactly one SR and one SC per image.
 */
class CrashRecoveryTest {

    static final int IMAGES = 24;

    @TempDir
    Path tmp;
    ServerProcess server;
    Orthanc orthanc;
    Process sender;
    ProcessOutput sent;

    @AfterEach
    void stop() throws Exception {
        if (sender != null) {
            sender.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
        if (orthanc != null) {
            orthanc.close();
        }
    }

    private ServerProcess startServer(int run) throws IOException, InterruptedException {
        return ServerProcess.start(tmp.resolve("pleura-" + run + ".log"), List.of("--data", tmp.resolve("data").toString(),
                "--model", TestModel.path().toString(), "--route", orthanc.node(), "--workers", "1",
                "--route-max-backoff", "2s"));
    }

    /** The SOP Instance UIDs storescu saw acknowledged with success, from its verbose log. */
    private static Set<String> acknowledged(Path log, Map<String, String> sopOfFile) throws IOException {
        Set<String> out = new HashSet<>();
        String current = null;
        for (String line : Files.readAllLines(log)) {
            if (line.contains("Sending file: ")) {
                current = Path.of(line.substring(line.indexOf("Sending file: ") + 14).strip()).getFileName().toString();
            } else if (line.contains("Received Store Response (Success)") && current != null) {
                out.add(sopOfFile.get(current));
            }
        }
        return out;
    }

    /** Starts storescu; its verbose output goes to {@code log} through {@link #sent}. */
    private Process storescu(int port, List<Path> files, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-aet", "MODALITY", "-aec", "PLEURA", "localhost",
                Integer.toString(port)));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        sent = ProcessOutput.follow(p, log);
        return p;
    }

    @Test
    void killedTwiceInTheMiddleOfABatchNothingIsLostAndNothingIsDuplicated() throws Exception {
        Tools.require("storescu", "dcmtk");
        orthanc = Orthanc.start(tmp.resolve("orthanc"), "PLEURA", 0);
        List<Path> sources = SharedImages.chestFiles().stream()
                .filter(p -> p.getFileName().toString().startsWith("NIHdx_") && p.toString().contains("explicitLE"))
                .toList();
        Map<String, String> sopOfFile = new LinkedHashMap<>();
        List<Path> batch = new ArrayList<>();
        String study = UID.generate();
        for (int i = 0; i < IMAGES; i++) {
            Path f = tmp.resolve("batch").resolve(String.format("img%02d.dcm", i));
            Files.createDirectories(f.getParent());
            sopOfFile.put(f.getFileName().toString(), SharedImages.copyWithNewUids(sources.get(i % sources.size()), f,
                    study, null));
            batch.add(f);
        }

        // 1. kill -9 while the batch is being received
        server = startServer(1);
        Path log1 = tmp.resolve("storescu-1.log");
        sender = storescu(server.dicomPort(), batch, log1);
        // each success response is a distinct file: block until storescu printed a third of them
        Predicate<String> success = l -> l.contains("Received Store Response (Success)");
        assertTrue(sent.awaitMoreThan(IMAGES / 3 - 1, success, Duration.ofMinutes(2)) >= IMAGES / 3,
                "a third of the batch acknowledged: " + Files.readString(log1));
        server.kill();
        sender.waitFor();
        sent.awaitEnd(Duration.ofSeconds(30));
        Set<String> acked = acknowledged(log1, sopOfFile);
        assertTrue(acked.size() < IMAGES, "the kill came before the end of the batch");
        System.out.println("first kill: " + acked.size() + " of " + IMAGES + " objects acknowledged before it");

        // 2. restart: every acknowledged object is there; the sender sends the rest (and some again)
        server = startServer(2);
        assertTrue(server.log().contains("recovered: "), server.log());
        Http http = server.http();
        for (String sop : acked) {
            assertEquals(200, http.get("/api/instances/" + sop).statusCode(), "acknowledged before the kill: " + sop);
        }
        Path log2 = tmp.resolve("storescu-2.log");
        sender = storescu(server.dicomPort(), batch, log2);
        int exit = sender.waitFor();
        sent.awaitEnd(Duration.ofSeconds(30));
        assertEquals(0, exit, Files.readString(log2));
        assertEquals(IMAGES, acknowledged(log2, sopOfFile).size(), "a resent object is acknowledged, not refused");

        // 3. kill -9 again while results are being sent, then restart
        server.awaitJobs(Duration.ofMinutes(3), "some results sent", () -> {
            try {
                return http.json("/api/jobs?kind=route&state=done", 200).size() >= 2;
            } catch (Exception e) {
                return false;
            }
        });
        server.kill();
        server = startServer(3);
        String recovered = server.log();
        assertTrue(recovered.contains("recovered: "), recovered);
        recovered.lines().filter(l -> l.contains("recovered: ")).forEach(l -> System.out.println("second restart: " + l));
        Http http3 = server.http();

        server.awaitJobs(Duration.ofMinutes(5), "every analysis and every route done", () -> {
            try {
                return http3.json("/api/jobs?kind=analyze&state=done&limit=1000", 200).size() == IMAGES
                        && http3.json("/api/jobs?kind=route&state=done&limit=1000", 200).size() == IMAGES;
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(0, http3.json("/api/jobs?state=failed", 200).size());
        JsonNode studyJson = http3.json("/api/studies/" + study, 200);
        assertEquals(3 * IMAGES, studyJson.get("instances").asInt(), "each image once, its SC and its SR: " + studyJson);

        List<JsonNode> atPacs = orthanc.instanceTags();
        Set<String> uids = new HashSet<>();
        int sr = 0;
        int sc = 0;
        for (JsonNode t : atPacs) {
            uids.add(t.get("SOPInstanceUID").asText());
            sr += t.get("SOPClassUID").asText().equals(OrthancRoutingTest.SR_CLASS) ? 1 : 0;
            sc += t.get("SOPClassUID").asText().equals(OrthancRoutingTest.SC_CLASS) ? 1 : 0;
        }
        assertEquals(IMAGES, sr, "exactly one SR per image at the PACS");
        assertEquals(IMAGES, sc, "exactly one SC per image at the PACS");
        assertEquals(2 * IMAGES, uids.size());
    }
}
