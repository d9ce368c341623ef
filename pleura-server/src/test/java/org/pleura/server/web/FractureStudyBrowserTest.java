package org.pleura.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.results.Fixtures;
import org.pleura.server.auth.Role;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.TestNode;
import org.pleura.server.testing.Tools;

/**
 * A fracture study in the reading room, in Debian's Chromium (script {@code src/test/e2e/fracture-study.mjs}): a node
 * reading with a folder of two packages (a tiny chest model and a tiny fracture detector whose thresholds call every
 * box positive) receives the sample wrist DX by storescu; the fracture model reads it (real inference), the study
 * is first in a radiologist's worklist at the urgent level, and the viewer names the fracture finding from the
 * fracture catalogue, calls it positive and draws the detector's boxes. Skipped with a message when node,
 * playwright-core, Chromium or dcmtk is missing.
 */
class FractureStudyBrowserTest {

    private static final String PASSWORD = TestNode.PASSWORD;
    private static final Path E2E = Path.of("src/test/e2e").toAbsolutePath();
    private static final Path SHOTS = Path.of("target/e2e-screenshots").toAbsolutePath();
    private static final Path WRIST = Path.of("..", "samples", "fracatlas-IMG0001147-wrist-dx.dcm");

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;

    @Test
    void aWristReadByTheFractureModelIsUrgentInTheWorklistWithItsBoxesInTheViewer() throws Exception {
        Path node = Tools.find("node").orElse(null);
        assumeTrue(node != null, "node is not installed: skipping the browser test (Debian package nodejs)");
        Path chromium = Path.of(System.getenv().getOrDefault("PLEURA_CHROMIUM", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), chromium + " is missing: skipping the browser test");
        assumeTrue(Files.isDirectory(E2E.resolve("node_modules/playwright-core")),
                "playwright-core is not installed in " + E2E + " (./scripts/test runs npm ci there): skipping");
        Tools.require("storescu", "dcmtk");
        assumeTrue(Files.isRegularFile(WRIST), "sample " + WRIST + " missing");

        Path models = tmp.resolve("models");
        TestModel.write(models.resolve("a-chest"), "pleura-test", "0.0.1");
        Fixtures.randomFracturePackage(models.resolve("b-fracture"), 0.0, 0.0);
        Path wrist = tmp.resolve("send").resolve("wrist.dcm");
        Files.createDirectories(wrist.getParent());
        SharedImages.copyWithNewUids(WRIST, wrist, null, null);

        server = TestNode.withUsers(tmp.resolve("data"), b -> b.model(models));
        server.user("marie.curie", "Dr Marie Curie", Role.RADIOLOGIST);
        Http admin = server.user("chef", "Chef de service", Role.ADMIN);

        Tools.Result sent = Tools.run(Duration.ofSeconds(60), List.of("storescu", "-xy", "-aet", "MODALITY", "-aec",
                "PLEURA", "localhost", Integer.toString(server.dicomPort()), wrist.toString()));
        assertTrue(sent.ok(), sent.output());
        Jobs.await(server, Duration.ofMinutes(2), "the wrist analysed", () -> {
            try {
                return admin.json("/api/jobs?kind=analyze&state=done", 200).size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode list = admin.json("/api/reading/worklist", 200).get("studies");
        assertEquals(1, list.size(), list.toString());
        String study = list.get(0).get("studyInstanceUid").asText();

        Map<String, String> env = new HashMap<>();
        env.put("PLEURA_URL", "http://localhost:" + server.httpPort());
        env.put("PLEURA_PASSWORD", PASSWORD);
        env.put("PLEURA_RADIOLOGIST", "marie.curie");
        env.put("PLEURA_SCREENSHOTS", SHOTS.toString());
        env.put("PLEURA_CHROMIUM", chromium.toString());
        env.put("PLEURA_STUDY", study);
        env.put("PLEURA_FRACTURE_MODEL", "test-fracture");
        ProcessBuilder pb = new ProcessBuilder(node.toString(), E2E.resolve("fracture-study.mjs").toString())
                .directory(E2E.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.redirectOutput(tmp.resolve("node.log").toFile());
        Process p = pb.start();
        boolean ended = p.waitFor(4, java.util.concurrent.TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = Files.readString(tmp.resolve("node.log"));
        Files.createDirectories(SHOTS);
        Files.writeString(SHOTS.resolve("fracture-e2e.log"), output);
        assertTrue(ended && p.exitValue() == 0, "the browser script failed:\n" + output);
    }
}
