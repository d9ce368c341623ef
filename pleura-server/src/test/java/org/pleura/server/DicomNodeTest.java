package org.pleura.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.TransferSyntax;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.TestNode;
import org.pleura.server.testing.Tools;

/** dcmtk's echoscu and storescu talking to Pleura: every chest file of the corpus, in its own transfer syntax. */
class DicomNodeTest {

    /** How storescu is told to propose a transfer syntax first. */
    static final Map<String, String> PROPOSE = Map.ofEntries(
            Map.entry(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(), "-xi"),
            Map.entry(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), "-xe"),
            Map.entry(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid(), "-xb"),
            Map.entry(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid(), "-xd"),
            Map.entry(TransferSyntax.RLE_LOSSLESS.uid(), "-xr"),
            Map.entry(TransferSyntax.JPEG_BASELINE.uid(), "-xy"),
            Map.entry(TransferSyntax.JPEG_EXTENDED.uid(), "-xx"),
            Map.entry(TransferSyntax.JPEG_LOSSLESS_SV1.uid(), "-xs"),
            Map.entry(TransferSyntax.JPEG_LS_LOSSLESS.uid(), "-xt"),
            Map.entry(TransferSyntax.JPEG_LS_NEAR_LOSSLESS.uid(), "-xu"),
            Map.entry(TransferSyntax.JPEG_2000_LOSSLESS.uid(), "-xv"),
            Map.entry(TransferSyntax.JPEG_2000.uid(), "-xw"));

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;

    @Test
    void echoscuAndStorescuInEveryTransferSyntaxOfTheChestCorpusAreStoredAndAnalysed() throws Exception {
        Tools.require("storescu", "dcmtk");
        List<Path> chest = SharedImages.chestFiles();
        server = TestNode.open(tmp.resolve("data"), b -> b.model(TestModel.path()));
        int port = server.dicomPort();

        Tools.Result echo = Tools.run(Duration.ofSeconds(30), List.of("echoscu", "-v", "-aet", "MODALITY", "-aec",
                "PLEURA", "localhost", Integer.toString(port)));
        assertTrue(echo.ok(), echo.output());

        Map<String, List<Path>> byTs = new LinkedHashMap<>();
        Map<String, String> sopOf = new LinkedHashMap<>();
        for (Path f : chest) {
            String ts = DicomReader.read(f, ReadOptions.HEADER_ONLY).transferSyntax().uid();
            Path copy = tmp.resolve("send").resolve(f.getFileName());
            Files.createDirectories(copy.getParent());
            sopOf.put(copy.getFileName().toString(), SharedImages.copyWithNewUids(f, copy, null, null));
            byTs.computeIfAbsent(ts, k -> new ArrayList<>()).add(copy);
        }
        assertTrue(byTs.size() >= 8, "the chest corpus covers many transfer syntaxes: " + byTs.keySet());
        for (Map.Entry<String, List<Path>> e : byTs.entrySet()) {
            List<String> cmd = new ArrayList<>(List.of("storescu", "-R", PROPOSE.get(e.getKey()), "-aet", "MODALITY",
                    "-aec", "PLEURA", "localhost", Integer.toString(port)));
            e.getValue().forEach(p -> cmd.add(p.toString()));
            Tools.Result r = Tools.run(Duration.ofSeconds(120), cmd);
            assertTrue(r.ok(), e.getKey() + ": " + r.output());
        }

        Http http = server.http();
        for (Map.Entry<String, String> e : sopOf.entrySet()) {
            JsonNode i = http.json("/api/instances/" + e.getValue(), 200);
            assertEquals("dimse", i.get("channel").asText());
            String ts = i.get("transferSyntaxUid").asText();
            assertTrue(byTs.get(ts).stream().anyMatch(p -> p.getFileName().toString().equals(e.getKey())),
                    e.getKey() + " stored in the syntax it was sent in, not " + ts);
        }
        Jobs.await(server, Duration.ofMinutes(3), "every analysis finished", () -> {
            try {
                return http.json("/api/jobs?kind=analyze&state=done", 200).size() == sopOf.size();
            } catch (Exception x) {
                return false;
            }
        });
        for (String sop : sopOf.values()) {
            JsonNode a = http.json("/api/instances/" + sop + "/analysis", 200);
            assertEquals(sop, a.get("image").asText());
            assertEquals(TestModel.OUTPUTS.size() - 1, a.get("findings").size());
        }
    }
}
