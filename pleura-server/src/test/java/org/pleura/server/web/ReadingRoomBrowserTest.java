package org.pleura.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.UID;
import org.pleura.dicom.WriteOptions;
import org.pleura.model.catalogue.Urgency;
import org.pleura.results.Language;
import org.pleura.server.PleuraServer;
import org.pleura.server.auth.PasswordHasher;
import org.pleura.server.auth.Role;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.dimse.SendOutcome;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestClock;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.Tools;

/**
 * The reading room in a real browser: Debian's Chromium driven by playwright-core (the script
 * {@code src/test/e2e/reading-room.mjs}) against a real server with users. Four chest radiographs of the corpus
 * are sent with dcmtk's storescu (STOW-RS when dcmtk is missing), oldest routine to newest urgent; the script
 * signs in, checks the worklist order and its live update, opens the viewer, toggles boxes, changes the window,
 * gives feedback (agree, disagree, a missed finding drawn as a box), checks a clinician cannot give feedback,
 * exports the feedback and reads the audit trail as an admin, and switches to English. Screenshots of each screen
 * go to {@code target/e2e-screenshots/}. This test then checks the export and the audit trail through the API.
 * Skipped with a message when node, playwright-core or Chromium is missing.
 */
class ReadingRoomBrowserTest {

    private static final String PASSWORD = "reading room e2e password";
    private static final Path E2E = Path.of("src/test/e2e").toAbsolutePath();
    private static final Path SHOTS = Path.of("target/e2e-screenshots").toAbsolutePath();

    @TempDir
    Path tmp;
    PleuraServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void signInWorklistViewerFeedbackExportAndAuditInChromium() throws Exception {
        Path node = Tools.find("node").orElse(null);
        assumeTrue(node != null, "node is not installed: skipping the browser test (Debian package nodejs)");
        Tools.Result version = Tools.run(Duration.ofSeconds(30), List.of(node.toString(), "--version"));
        int major = version.ok() ? Integer.parseInt(version.output().strip().replaceAll("^v(\\d+).*$", "$1")) : 0;
        assumeTrue(major >= 20, "node " + version.output().strip() + " is too old for playwright-core (20 or newer): "
                + "skipping the browser test");
        Path chromium = Path.of(System.getenv().getOrDefault("PLEURA_CHROMIUM", "/usr/bin/chromium"));
        assumeTrue(Files.isExecutable(chromium), chromium + " is missing: skipping the browser test (./scripts/test "
                + "installs Debian's chromium)");
        assumeTrue(playwrightInstalled(), "playwright-core is not installed in " + E2E + " and npm ci failed: "
                + "skipping the browser test (./scripts/test runs npm ci there)");
        List<Path> chest = SharedImages.chestFiles();

        ScriptedReading reading = new ScriptedReading(TestModel.OUTPUTS);
        TestClock clock = new TestClock();
        server = PleuraServer.start(ServerConfig.builder(tmp.resolve("data")).httpPort(0).dicomPort(0)
                .model(TestModel.path()).build(), reading, (d, f) -> new SendOutcome.Acknowledged(), clock);
        long now = clock.millis();
        var users = server.readingRoom().users();
        String hash = new PasswordHasher().hash(PASSWORD.toCharArray());
        users.create("marie.curie", "Dr Marie Curie", Role.RADIOLOGIST, Language.FR, hash, now);
        users.create("paul.urgences", "Dr Paul Urgences", Role.CLINICIAN, Language.FR, hash, now);
        users.create("chef", "Chef de service", Role.ADMIN, Language.FR, hash, now);
        Http admin = Http.local(server.httpPort()).withBasic("chef", PASSWORD);

        // oldest first: routine, follow-up, doubtful, urgent; the worklist must show them the other way round
        String[][] studies = {
                {"CRchest440_MONO1_explicitLE.dcm", ScriptedReading.ROUTINE, "BERNARD^LUC", "19480312", "M"},
                {"NIHdx_EffusionMass_MONO2_8bit_RLE.dcm", ScriptedReading.FOLLOW_UP, "LEROY^SOPHIE", "19710825", "F"},
                {"NIHdx_Pneumothorax_MONO2_8bit_JPEGLSLossless.dcm", ScriptedReading.DOUBTFUL, "DUBOIS^JEAN",
                        "19920101", "M"},
                {"RG1chest_MONO1_15bit_RLE.dcm", ScriptedReading.URGENT, "MARTIN^CLAIRE", "19650704", "F"}};
        Map<String, String> studyOf = new HashMap<>();
        for (int i = 0; i < studies.length; i++) {
            String[] s = studies[i];
            Path source = chest.stream().filter(p -> p.getFileName().toString().equals(s[0])).findFirst()
                    .orElseThrow(() -> new AssertionError(s[0] + " is not in the corpus"));
            Path copy = tmp.resolve("send").resolve(i + ".dcm");
            studyOf.put(s[1], copyAs(source, copy, s[1], s[2], "IPP" + (40_000 + i * 137), s[3], s[4]));
            send(copy);
            clock.advance(Duration.ofSeconds(1)); // the next study arrives later
        }
        Jobs.await(server, Duration.ofMinutes(2), "4 analyses", () -> analysed(admin) == 4);

        Files.createDirectories(SHOTS);
        Path downloads = tmp.resolve("downloads");
        Files.createDirectories(downloads);
        Path picture = SharedImages.nihImages(1).get(0);
        Map<String, String> env = new HashMap<>();
        env.put("PLEURA_URL", "http://localhost:" + server.httpPort());
        env.put("PLEURA_PASSWORD", PASSWORD);
        env.put("PLEURA_RADIOLOGIST", "marie.curie");
        env.put("PLEURA_CLINICIAN", "paul.urgences");
        env.put("PLEURA_ADMIN", "chef");
        env.put("PLEURA_SCREENSHOTS", SHOTS.toString());
        env.put("PLEURA_DOWNLOADS", downloads.toString());
        env.put("PLEURA_CHROMIUM", chromium.toString());
        env.put("PLEURA_PICTURE", picture.toString());
        env.put("PLEURA_EXPECTED_ORDER", String.join(",", ScriptedReading.URGENT, ScriptedReading.DOUBTFUL,
                ScriptedReading.FOLLOW_UP, ScriptedReading.ROUTINE));
        env.put("PLEURA_URGENT_FINDING", reading.first(Urgency.URGENT).id());
        env.put("PLEURA_FOLLOW_FINDING", reading.first(Urgency.FOLLOW_UP).id());
        env.put("PLEURA_MISSED_FINDING", reading.other().id());
        Tools.Result r = runNode(node, env);
        Files.writeString(SHOTS.resolve("e2e.log"), r.output());
        assertEquals(0, r.exitCode(), "the browser script failed:\n" + r.output());

        // the export the admin downloaded is a training set with the radiologist's labels
        Path zip;
        try (var s = Files.list(downloads)) {
            zip = s.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        }
        Map<String, byte[]> files = unzip(zip);
        String manifest = new String(files.get("manifest.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(manifest.lines().findFirst().orElseThrow().split(","));
        List<String> rows = manifest.lines().skip(1).toList();
        assertEquals(1, rows.size(), "feedback on one image: " + manifest);
        String[] cells = rows.get(0).split(",", -1);
        assertEquals("1", cells[header.indexOf(reading.first(Urgency.URGENT).id())], "agreed positive: " + manifest);
        assertEquals("", cells[header.indexOf(reading.first(Urgency.FOLLOW_UP).id())],
                "disagreeing with a doubtful call leaves the label unknown: " + manifest);
        assertEquals("1", cells[header.indexOf(reading.other().id())], "added as missed: " + manifest);
        String boxes = new String(files.get("boxes.csv"), StandardCharsets.UTF_8);
        assertTrue(boxes.lines().anyMatch(l -> l.startsWith(cells[0] + "," + reading.other().id() + ",")), boxes);
        assertTrue(files.containsKey(cells[0]), "the image is in the export");

        // the audit trail holds every step, and its chain is intact
        String trail = admin.json("/api/audit?limit=1000", 200).get("events").toString();
        for (String expected : new String[]{"\"login.success\"", "\"study.view\"", "\"feedback.verdict\"",
                "\"feedback.mark\"", "\"export.feedback\"", "\"preference.change\"", "\"logout\""}) {
            assertTrue(trail.contains(expected), expected + " in the audit trail");
        }
        assertTrue(admin.json("/api/audit?action=study.view&target=" + studyOf.get(ScriptedReading.URGENT), 200)
                .get("total").asInt() >= 1);
        assertTrue(admin.json("/api/audit/verify", 200).get("intact").asBoolean());
        try (var s = Files.list(SHOTS)) {
            assertTrue(s.filter(p -> p.toString().endsWith(".png")).count() >= 10, "screenshots in " + SHOTS);
        }
    }

    private static boolean playwrightInstalled() throws IOException, InterruptedException {
        if (Files.isDirectory(E2E.resolve("node_modules/playwright-core"))) {
            return true;
        }
        Optional<Path> npm = Tools.find("npm");
        if (npm.isEmpty()) {
            return false;
        }
        Tools.Result r = Tools.run(Duration.ofMinutes(5), List.of(npm.get().toString(), "ci", "--prefix",
                E2E.toString(), "--no-audit", "--no-fund"));
        return r.ok() && Files.isDirectory(E2E.resolve("node_modules/playwright-core"));
    }

    private static Tools.Result runNode(Path node, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(node.toString(), E2E.resolve("reading-room.mjs").toString())
                .directory(E2E.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                out[0] = in.readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        if (!p.waitFor(8, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        reader.join(10_000);
        String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
        return new Tools.Result(p.isAlive() ? -1 : p.exitValue(), text);
    }

    private int analysed(Http admin) {
        try {
            int done = 0;
            for (JsonNode s : admin.json("/api/reading/worklist", 200).get("studies")) {
                done += s.at("/images/done").asInt(0);
            }
            return done;
        } catch (Exception e) {
            return -1;
        }
    }

    /** A copy of a corpus file as a new study of a fictitious patient, with the accession that scripts its reading. */
    static String copyAs(Path source, Path target, String accession, String name, String patientId,
                                 String birth, String sex) throws IOException {
        DicomFile f = DicomReader.read(source);
        String sop = UID.generate();
        String study = UID.generate();
        DicomObject.Builder b = f.dataset().toBuilder().putString(Tag.SOPInstanceUID, sop)
                .putString(Tag.StudyInstanceUID, study).putString(Tag.SeriesInstanceUID, UID.generate())
                .putString(Tag.AccessionNumber, accession).putString(Tag.PatientName, name)
                .putString(Tag.PatientID, patientId).putString(Tag.PatientBirthDate, birth)
                .putString(Tag.PatientSex, sex).putString(Tag.StudyDescription, "THORAX FACE")
                .putString(Tag.StudyDate, java.time.LocalDate.now().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        DicomObject meta = f.fileMeta().toBuilder().putString(Tag.MediaStorageSOPInstanceUID, sop).build();
        Files.createDirectories(target.getParent());
        DicomWriter.write(target, meta, b.build(), f.transferSyntax(), WriteOptions.DEFAULT);
        return study;
    }

    private void send(Path file) throws IOException, InterruptedException {
        Optional<Path> storescu = Tools.find("storescu");
        if (storescu.isPresent()) {
            String ts = DicomReader.read(file, org.pleura.dicom.ReadOptions.HEADER_ONLY).transferSyntax().uid();
            String propose = Map.of(TransferSyntax.RLE_LOSSLESS.uid(), "-xr", TransferSyntax.JPEG_LS_LOSSLESS.uid(),
                    "-xt", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(), "-xi").getOrDefault(ts, "-xe");
            Tools.Result r = Tools.run(Duration.ofSeconds(60), List.of(storescu.get().toString(), "-R", propose,
                    "-aet", "MODALITY", "-aec", "PLEURA", "localhost", Integer.toString(server.dicomPort()),
                    file.toString()));
            assertTrue(r.ok(), r.output());
            return;
        }
        String boundary = "pleura-e2e-" + System.nanoTime();
        byte[] dicom = Files.readAllBytes(file);
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(dicom);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        var resp = Http.local(server.httpPort()).post("/dicomweb/studies", body.toByteArray(), "Content-Type",
                "multipart/related; type=\"application/dicom\"; boundary=" + boundary);
        assertEquals(200, resp.statusCode(), new String(resp.body()));
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                out.put(e.getName(), z.readAllBytes());
            }
        }
        return out;
    }

}
