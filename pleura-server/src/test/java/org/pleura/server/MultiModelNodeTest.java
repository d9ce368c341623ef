package org.pleura.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.results.Fixtures;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.TestNode;
import org.pleura.server.testing.Tools;

/**
 * A node with a folder of two model packages (a chest classifier and a fracture detector, tiny and random): a chest
 * radiograph and a wrist radiograph arrive by C-STORE; each is read by the model whose input rules accept it, the
 * fracture study ranks with the urgent findings in the worklist, and the catalogue the pages read lists both
 * models and the fracture finding.
 */
class MultiModelNodeTest {

    private static final Path WRIST = Path.of("..", "samples", "fracatlas-IMG0001147-wrist-dx.dcm");

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;

    @Test
    void chestToTheChestModelWristToTheFractureModelAndTheFractureRanksUrgent() throws Exception {
        Tools.require("storescu", "dcmtk");
        Assumptions.assumeTrue(Files.isRegularFile(WRIST), "sample " + WRIST + " missing");
        Path models = tmp.resolve("models");
        TestModel.write(models.resolve("a-chest"), "pleura-test", "0.0.1");
        Fixtures.randomFracturePackage(models.resolve("b-fracture"), 0.0, 0.0);
        Path chest = null;
        for (Path p : SharedImages.chestFiles()) {
            if (DicomReader.read(p, ReadOptions.HEADER_ONLY).transferSyntax().uid().equals("1.2.840.10008.1.2.1")) {
                chest = p;
                break;
            }
        }
        Assumptions.assumeTrue(chest != null, "no explicit little endian chest radiograph in the shared corpus");
        Path send = tmp.resolve("send");
        Files.createDirectories(send);
        String chestSop = SharedImages.copyWithNewUids(chest, send.resolve("chest.dcm"), null, null);
        String wristSop = SharedImages.copyWithNewUids(WRIST, send.resolve("wrist.dcm"), null, null);

        server = TestNode.open(tmp.resolve("data"), b -> b.model(models));
        for (String[] file : List.of(new String[] {"chest.dcm", "-xe"}, new String[] {"wrist.dcm", "-xy"})) {
            List<String> cmd = new ArrayList<>(List.of("storescu", file[1], "-aet", "MODALITY", "-aec", "PLEURA",
                    "localhost", Integer.toString(server.dicomPort()), send.resolve(file[0]).toString()));
            Tools.Result r = Tools.run(Duration.ofSeconds(60), cmd);
            assertTrue(r.ok(), file[0] + ": " + r.output());
        }

        Http http = server.http();
        Jobs.await(server, Duration.ofMinutes(2), "both analyses finished", () -> {
            try {
                return http.json("/api/jobs?kind=analyze&state=done", 200).size() == 2;
            } catch (Exception x) {
                return false;
            }
        });
        JsonNode chestAnalysis = http.json("/api/instances/" + chestSop + "/analysis", 200);
        assertEquals("pleura-test", chestAnalysis.get("model").get("id").asText(), chestAnalysis.toString());
        JsonNode wristAnalysis = http.json("/api/instances/" + wristSop + "/analysis", 200);
        assertEquals("test-fracture", wristAnalysis.get("model").get("id").asText(), wristAnalysis.toString());
        assertEquals("fracture", wristAnalysis.get("findings").get(0).get("id").asText(), wristAnalysis.toString());
        assertEquals("positive", wristAnalysis.get("findings").get(0).get("call").asText(),
                "thresholds at 0 call every image positive");

        String wristStudy = http.json("/api/instances/" + wristSop, 200).get("studyInstanceUid").asText();
        JsonNode worklist = http.json("/api/worklist", 200).get("studies");
        JsonNode wristRow = null;
        for (JsonNode s : worklist) {
            if (s.get("studyInstanceUid").asText().equals(wristStudy)) {
                wristRow = s;
            }
        }
        assertTrue(wristRow != null, "the fracture study is in the worklist: " + worklist);
        assertEquals("urgent_positive", wristRow.get("level").asText(), "a fracture is urgent in its catalogue");

        JsonNode catalogue = http.json("/api/catalogue", 200);
        assertEquals(2, catalogue.get("models").size(), catalogue.toString());
        boolean fracture = false;
        for (JsonNode f : catalogue.get("findings")) {
            fracture |= f.get("id").asText().equals("fracture");
        }
        assertTrue(fracture, "the pages know the fracture finding's names: " + catalogue);
    }
}
