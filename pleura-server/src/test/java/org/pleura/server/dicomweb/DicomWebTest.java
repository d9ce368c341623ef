package org.pleura.server.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.WriteOptions;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestNode;

/** STOW-RS from a plain HTTP client, then QIDO-RS and WADO-RS back. */
class DicomWebTest {

    static final String BOUNDARY = "pleura-test-boundary";

    @TempDir
    Path tmp;
    @AutoClose
    TestNode server;

    /** A copy of a corpus chest file with new UIDs and the given patient, accession and date. */
    private Path prepare(String name, String study, String patient, String accession, String date) throws IOException {
        Path src = SharedImages.chestFiles().stream().filter(p -> p.getFileName().toString().equals(name))
                .findFirst().orElseThrow();
        Path out = tmp.resolve("in-" + org.pleura.dicom.UID.generate() + ".dcm");
        SharedImages.copyWithNewUids(src, out, study, org.pleura.dicom.UID.generate());
        var f = DicomReader.read(out);
        DicomObject ds = f.dataset().toBuilder().putString(Tag.PatientID, patient)
                .putString(Tag.AccessionNumber, accession).putString(Tag.StudyDate, date).build();
        DicomWriter.write(out, f.fileMeta(), ds, f.transferSyntax(), WriteOptions.DEFAULT);
        return out;
    }

    private static byte[] multipart(List<byte[]> parts) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.write(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            b.write(p);
            b.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.write(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private HttpResponse<byte[]> stow(Http http, String path, List<byte[]> parts) throws Exception {
        return http.post(path, multipart(parts), "Content-Type",
                "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY, "Accept", "application/dicom+json");
    }

    private static List<byte[]> parts(HttpResponse<byte[]> r) throws IOException {
        MediaTypes.MediaType t = MediaTypes.parse(r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("multipart/related", t.type());
        assertEquals("application/dicom", t.parameter("type"));
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(r.body()), t.parameter("boundary"));
        List<byte[]> out = new ArrayList<>();
        Map<String, String> h;
        while ((h = reader.nextPart()) != null) {
            assertTrue(h.get("content-type").startsWith("application/dicom"), h.toString());
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            reader.copyBody(o, Long.MAX_VALUE);
            out.add(o.toByteArray());
        }
        return out;
    }

    @Test
    void stowThenSearchAndRetrieve() throws Exception {
        server = TestNode.open(tmp.resolve("data"));
        Http http = server.http();
        String studyA = org.pleura.dicom.UID.generate();
        Path a1 = prepare("CRchest440_MONO1_JPEGLSLossless.dcm", studyA, "PAT-1", "ACC-1", "20240110");
        Path a2 = prepare("NIHdx_Pneumothorax_MONO2_8bit_RLE.dcm", studyA, "PAT-1", "ACC-1", "20240110");
        Path b1 = prepare("NIHdx_Cardiomegaly_MONO2_8bit_J2KLossless.dcm", null, "PAT-2", "ACC-2", "20240305");
        byte[] junk = "this part is not DICOM".getBytes(StandardCharsets.US_ASCII);

        HttpResponse<byte[]> r = stow(http, "/dicomweb/studies", List.of(Files.readAllBytes(a1), Files.readAllBytes(a2),
                junk, Files.readAllBytes(b1)));
        assertEquals(202, r.statusCode(), "some stored, one failed: " + new String(r.body()));
        assertEquals(DicomWebApi.DICOM_JSON, r.headers().firstValue("Content-Type").orElse(""));
        JsonNode answer = Http.parse(r.body());
        JsonNode stored = answer.get("00081199").get("Value");
        assertEquals(3, stored.size());
        for (JsonNode item : stored) {
            String url = item.get("00081190").get("Value").get(0).asText();
            assertTrue(url.matches("http://(127\\.0\\.0\\.1|\\[[0-9a-f:]+\\]):" + server.httpPort() + "/dicomweb/studies/.+"),
                    "the address the request arrived on (never its Host header): " + url);
        }
        JsonNode failed = answer.get("00081198").get("Value");
        assertEquals(1, failed.size());
        assertEquals(0xC000, failed.get(0).get("00081197").get("Value").get(0).asInt());

        // QIDO-RS
        JsonNode byPatient = http.json("/dicomweb/studies?PatientID=PAT-1", 200);
        assertEquals(1, byPatient.size());
        assertEquals(studyA, byPatient.get(0).get("0020000D").get("Value").get(0).asText());
        assertEquals(2, byPatient.get(0).get("00201208").get("Value").get(0).asInt());
        assertEquals("PAT-1", byPatient.get(0).get("00100020").get("Value").get(0).asText());
        assertEquals(2, http.json("/dicomweb/studies?PatientID=PAT-*", 200).size(), "wildcard");
        assertEquals(1, http.json("/dicomweb/studies?AccessionNumber=ACC-2", 200).size());
        assertEquals(1, http.json("/dicomweb/studies?StudyDate=20240301-20240331", 200).size(), "date range");
        assertEquals(2, http.json("/dicomweb/studies?StudyDate=20240101-", 200).size());
        assertEquals(1, http.json("/dicomweb/studies?00080020=-20240131", 200).size(), "by tag, open range");
        assertEquals(0, http.json("/dicomweb/studies?PatientID=NOBODY", 200).size());
        assertEquals(400, http.get("/dicomweb/studies?StudyDate=2024").statusCode());
        JsonNode series = http.json("/dicomweb/studies/" + studyA + "/series", 200);
        assertEquals(2, series.size());
        String seriesUid = series.get(0).get("0020000E").get("Value").get(0).asText();
        JsonNode instances = http.json("/dicomweb/studies/" + studyA + "/series/" + seriesUid + "/instances", 200);
        assertEquals(1, instances.size());
        String sop = instances.get(0).get("00080018").get("Value").get(0).asText();

        // WADO-RS: the instance comes back byte for byte, in its own transfer syntax
        HttpResponse<byte[]> one = http.get("/dicomweb/studies/" + studyA + "/series/" + seriesUid + "/instances/" + sop,
                "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
        assertEquals(200, one.statusCode(), new String(one.body()));
        List<byte[]> got = parts(one);
        assertEquals(1, got.size());
        Path sent = DicomReader.read(a1, ReadOptions.HEADER_ONLY).dataset().getString(Tag.SOPInstanceUID).equals(sop)
                ? a1 : a2;
        assertArrayEquals(Files.readAllBytes(sent), got.get(0));
        assertEquals(2, parts(http.get("/dicomweb/studies/" + studyA)).size());
        assertEquals(1, parts(http.get("/dicomweb/studies/" + studyA + "/series/" + seriesUid)).size());

        String stored1 = DicomReader.read(got.get(0), ReadOptions.HEADER_ONLY).transferSyntax().uid();
        HttpResponse<byte[]> wrongSyntax = http.get("/dicomweb/studies/" + studyA + "/series/" + seriesUid
                + "/instances/" + sop, "Accept", "multipart/related; type=\"application/dicom\"; transfer-syntax="
                + (stored1.equals(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()) ? "1.2.840.10008.1.2.5"
                : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()));
        assertEquals(406, wrongSyntax.statusCode(), "Pleura does not transcode");

        JsonNode meta = http.json("/dicomweb/studies/" + studyA + "/series/" + seriesUid + "/instances/" + sop
                + "/metadata", 200);
        assertEquals(1, meta.size());
        assertEquals("PAT-1", meta.get(0).get("00100020").get("Value").get(0).asText());
        assertEquals("UI", meta.get(0).get("00080018").get("vr").asText());
        assertTrue(!meta.get(0).has("7FE00010"), "no pixel data in metadata");
        assertEquals(2, http.json("/dicomweb/studies/" + studyA + "/metadata", 200).size());
        assertEquals(404, http.get("/dicomweb/studies/1.2.3/series/" + seriesUid + "/instances/" + sop).statusCode(),
                "an instance is found only under its own study");
    }

    @Test
    void stowToAStudyRefusesInstancesOfOtherStudiesAndBadBodiesAreProblems() throws Exception {
        server = TestNode.open(tmp.resolve("data"));
        Http http = server.http();
        Path other = prepare("CRchest440_MONO1_RLE.dcm", null, "PAT-3", "ACC-3", "20240101");
        HttpResponse<byte[]> r = stow(http, "/dicomweb/studies/1.2.826.0.1.9999", List.of(Files.readAllBytes(other)));
        assertEquals(409, r.statusCode(), new String(r.body()));
        assertEquals(0xA900, Http.parse(r.body()).get("00081198").get("Value").get(0).get("00081197").get("Value")
                .get(0).asInt());
        assertEquals(0, http.json("/dicomweb/studies", 200).size(), "nothing stored");

        HttpResponse<byte[]> notMultipart = http.post("/dicomweb/studies", new byte[10], "Content-Type",
                "application/dicom");
        assertEquals(415, notMultipart.statusCode());
        HttpResponse<byte[]> noBoundary = http.post("/dicomweb/studies", new byte[10], "Content-Type",
                "multipart/related; type=\"application/dicom\"");
        assertEquals(400, noBoundary.statusCode());
        HttpResponse<byte[]> truncated = http.post("/dicomweb/studies", ("--" + BOUNDARY
                + "\r\nContent-Type: application/dicom\r\n\r\nabc").getBytes(StandardCharsets.US_ASCII),
                "Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + BOUNDARY);
        assertEquals(400, truncated.statusCode());
        assertTrue(new String(truncated.body()).contains("malformed multipart body"), new String(truncated.body()));
    }
}
