package org.pleura.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.net.ClientConfig;
import org.pleura.dicom.net.DicomClient;
import org.pleura.dicom.net.DicomNode;
import org.pleura.dicom.net.StoreOutcome;
import org.pleura.dicom.net.StoreSource;
import org.pleura.server.auth.Role;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.TestNode;

/**
 * No patient identifier in the application log: images with a known patient name, ID and accession number go
 * through DICOM and HTTP (analysed, read back, one truncated), and every log record of the run is searched for them.
 */
class PatientDataLogTest {

    private static final String PASSWORD = TestNode.PASSWORD;
    private static final String NAME = "LOGCHECK^WINIFRED";
    private static final String ID = "PID-LOG-77341";
    private static final String ACCESSION = "ACC-LOG-55120";

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;
    final List<String> records = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (records) {
                records.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters())
                        + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void noPatientNameIdOrAccessionInTheLog() throws Exception {
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger("org.pleura").setLevel(java.util.logging.Level.ALL);
        server = TestNode.withUsers(tmp.resolve("data"), b -> b.model(TestModel.path()));
        Http root = server.user("root", Role.ADMIN);
        Path source = SharedImages.chestFiles().stream()
                .filter(p -> p.getFileName().toString().equals("CRchest440_MONO1_explicitLE.dcm")).findFirst()
                .orElseThrow();
        Path viaDicom = tmp.resolve("a.dcm");
        Path viaHttp = tmp.resolve("b.dcm");
        ReadingRoomBrowserTest.copyAs(source, viaDicom, ACCESSION, NAME, ID, "19700101", "F");
        ReadingRoomBrowserTest.copyAs(source, viaHttp, ACCESSION, NAME, ID, "19700101", "F");
        List<StoreOutcome> sent = new DicomClient(ClientConfig.builder().callingAeTitle("MODALITY").build())
                .store(DicomNode.parse("PLEURA@127.0.0.1:" + server.dicomPort()), List.of(StoreSource.file(viaDicom)));
        assertTrue(sent.get(0) instanceof StoreOutcome.Stored, sent.toString());
        var r = root.post("/api/images", Files.readAllBytes(viaHttp), "Content-Type", "application/dicom");
        assertEquals(202, r.statusCode(), new String(r.body()));
        byte[] whole = Files.readAllBytes(viaHttp);
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        root.post("/api/images", truncated, "Content-Type", "application/dicom");
        Jobs.await(server, Duration.ofMinutes(2), "both analyses", () -> {
            try {
                return root.json("/api/jobs?kind=analyze&state=done", 200).size() >= 2;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        root.get("/api/studies?PatientID=" + ID);
        root.get("/dicomweb/studies?PatientID=" + ID);
        server.close();
        server = null;

        List<String> all;
        synchronized (records) {
            all = List.copyOf(records);
        }
        assertTrue(all.size() > 5, "the run logged: " + all);
        String base64Name = Base64.getEncoder().encodeToString(NAME.getBytes());
        for (String line : all) {
            for (String secret : new String[]{"LOGCHECK", "WINIFRED", ID, ACCESSION, base64Name}) {
                assertTrue(!line.contains(secret), "patient data in the log: " + line);
            }
        }
    }
}
