package org.pleura.server.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.WriteOptions;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.TestNode;
import org.pleura.server.testing.Tools;

/** Backpressure and bad objects over DICOM: clear statuses, nothing lost, the listener keeps serving. */
class DicomLimitsTest {

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;
    int files;

    private List<Path> copies(int n, String name) throws Exception {
        Path src = SharedImages.chestFiles().stream().filter(p -> p.getFileName().toString().equals(name))
                .findFirst().orElseThrow();
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = tmp.resolve("in").resolve(files++ + "-" + name);
            Files.createDirectories(f.getParent());
            SharedImages.copyWithNewUids(src, f, null, null);
            out.add(f);
        }
        return out;
    }

    private Tools.Result storescu(String callingAe, List<Path> files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-nh", "-aet", callingAe, "-aec", "PLEURA", "localhost",
                Integer.toString(server.dicomPort())));
        files.forEach(f -> cmd.add(f.toString()));
        return Tools.run(Duration.ofSeconds(120), cmd);
    }

    private static long count(String output, String text) {
        return output.lines().filter(l -> l.contains(text)).count();
    }

    private void echoStillWorks() throws Exception {
        Tools.Result echo = Tools.run(Duration.ofSeconds(30), List.of("echoscu", "-aet", "MODALITY", "-aec", "PLEURA",
                "localhost", Integer.toString(server.dicomPort())));
        assertTrue(echo.ok(), "the listener still serves: " + echo.output());
    }

    @Test
    void aFullQueueIsRefusedWithOutOfResourcesAndWhatWasAcceptedIsKept() throws Exception {
        Tools.require("storescu", "dcmtk");
        server = TestNode.open(tmp.resolve("data"), b -> b.maxAssociations(8).maxQueued(2).minFreeDiskBytes(0));
        List<Path> files = copies(4, "CRchest440_MONO1_explicitLE.dcm");
        Tools.Result r = storescu("MODALITY", files);
        assertEquals(2, count(r.output(), "Received Store Response (Success)"), r.output());
        assertEquals(2, count(r.output(), "Refused: OutOfResources"), r.output());
        Http http = server.http();
        for (int i = 0; i < 2; i++) {
            String sop = DicomReader.read(files.get(i)).dataset().getString(Tag.SOPInstanceUID);
            assertEquals(200, http.get("/api/instances/" + sop).statusCode());
        }
        String metrics = new String(http.get("/metrics").body());
        assertTrue(metrics.contains("pleura_received_total{channel=\"dimse\",outcome=\"unavailable\"} 2"), metrics);
        echoStillWorks();
    }

    @Test
    void badObjectsGetClearStatusesAndNeverStopTheListener() throws Exception {
        Tools.require("storescu", "dcmtk");
        server = TestNode.open(tmp.resolve("data"), b -> b.model(TestModel.path()).maxObjectBytes(600_000)
                .maxAssociations(8).maxQueued(1000).minFreeDiskBytes(0));
        Path noStudy = copies(1, "CRchest440_MONO1_explicitLE.dcm").get(0);
        DicomFile f = DicomReader.read(noStudy);
        DicomWriter.write(noStudy, f.fileMeta(), f.dataset().without(Tag.of(0x0020, 0x000D)), f.transferSyntax(),
                WriteOptions.DEFAULT);
        Path tooLarge = copies(1, "NIHdx_Effusion" + "Mass_MONO2_8bit_explicitLE.dcm").get(0);
        Path broken = copies(1, "CRchest440_MONO1_explicitLE.dcm").get(0);
        DicomFile b = DicomReader.read(broken);
        // the header says twice as many rows as the pixel data holds: a broken image that storescu still sends
        DicomWriter.write(broken, b.fileMeta(), b.dataset().toBuilder().putInt(Tag.of(0x0028, 0x0010), 880).build(),
                b.transferSyntax(), WriteOptions.DEFAULT);
        Path good = copies(1, "CRchest440_MONO1_implicitLE.dcm").get(0);

        Tools.Result r = storescu("MODALITY", List.of(noStudy, tooLarge, good));
        assertTrue(r.output().contains("Error: DataSetDoesNotMatchSOPClass"), r.output());
        assertEquals(1, count(r.output(), "Refused: OutOfResources"), "too large: " + r.output());
        assertEquals(1, count(r.output(), "Received Store Response (Success)"), r.output());
        echoStillWorks();

        Tools.Result t = storescu("MODALITY", List.of(broken));
        assertEquals(1, count(t.output(), "Received Store Response (Success)"), "stored as received: " + t.output());
        Http http = server.http();
        String goodSop = DicomReader.read(good).dataset().getString(Tag.SOPInstanceUID);
        Jobs.await(server, Duration.ofMinutes(2), "the good image analysed", () -> {
            try {
                return http.get("/api/instances/" + goodSop + "/analysis").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        // its analysis fails for good (a broken image is not retried) and says why
        Jobs.await(server, Duration.ofMinutes(2), "the broken image's job finished", () -> {
            try {
                return http.json("/api/jobs?kind=analyze&state=failed", 200).size() == 1;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode job = http.json("/api/jobs?kind=analyze&state=failed", 200).get(0);
        assertEquals(1, job.get("attempts").asInt(), job.toString());
        assertFalse(job.get("lastError").asText().isBlank(), job.toString());
        String brokenSop = DicomReader.read(broken).dataset().getString(Tag.SOPInstanceUID);
        assertEquals(422, http.get("/api/instances/" + brokenSop + "/analysis").statusCode());
        assertEquals("ok", http.json("/health", 200).get("status").asText());
    }

    @Test
    void onlyAllowedCallersAndAFullDiskIsOutOfResources() throws Exception {
        Tools.require("storescu", "dcmtk");
        server = TestNode.open(tmp.resolve("data"), b -> b.allowedCallers(Set.of("MODALITY"))
                .maxAssociations(8).maxQueued(100).minFreeDiskBytes(Long.MAX_VALUE / 4));
        List<Path> one = copies(1, "CRchest440_MONO1_explicitLE.dcm");
        Tools.Result stranger = storescu("STRANGER", one);
        assertFalse(stranger.ok());
        assertTrue(stranger.output().contains("Association Rejected"), stranger.output());
        Tools.Result full = storescu("MODALITY", one);
        assertEquals(1, count(full.output(), "Refused: OutOfResources"), full.output());
        assertEquals(503, server.http().get("/health").statusCode());
        echoStillWorks();
    }
}
