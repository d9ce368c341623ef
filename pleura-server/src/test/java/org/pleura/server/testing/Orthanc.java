package org.pleura.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Orthanc (Debian package {@code orthanc}) started for a test: its own HTTP and DICOM ports, storage in a
 * temporary directory, no plugins, no authentication, the test's Pleura declared as modality {@code pleura}.
 */
public final class Orthanc implements AutoCloseable {

    /** Orthanc's AE title. */
    public static final String AET = "ORTHANC";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int httpPort;
    private final int dicomPort;
    private final Http http;

    private Orthanc(Process process, int httpPort, int dicomPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.http = Http.local(httpPort);
    }

    /** The Orthanc executable, or the test is skipped. */
    public static Path executable() {
        return Tools.require("Orthanc", "the Debian package orthanc", "/usr/sbin");
    }

    /**
     * Starts Orthanc in {@code dir}.
     *
     * @param pleuraAet  the AE title of the Pleura under test
     * @param pleuraPort its DICOM port (0 when not known yet; see {@link #declarePleura})
     */
    public static Orthanc start(Path dir, String pleuraAet, int pleuraPort) throws IOException, InterruptedException {
        return start(dir, pleuraAet, pleuraPort, Tools.freePort());
    }

    /** Starts Orthanc in {@code dir} with a given DICOM port. */
    public static Orthanc start(Path dir, String pleuraAet, int pleuraPort, int dicomPort)
            throws IOException, InterruptedException {
        Path exe = executable();
        Files.createDirectories(dir);
        int httpPort = Tools.freePort();
        ObjectNode c = JSON.createObjectNode();
        c.put("Name", "pleura-test-orthanc");
        c.put("StorageDirectory", dir.resolve("storage").toString());
        c.put("IndexDirectory", dir.resolve("index").toString());
        c.put("HttpPort", httpPort);
        c.put("DicomPort", dicomPort);
        c.put("DicomAet", AET);
        c.put("RemoteAccessAllowed", true);
        c.put("AuthenticationEnabled", false);
        c.put("DicomCheckCalledAet", false);
        c.put("DicomAlwaysAllowStore", true);
        c.put("StableAge", 1);
        c.put("SaveJobs", false);
        c.put("HttpsVerifyPeers", false);
        // Orthanc closes an idle keep-alive connection after one second (KeepAliveTimeout); java.net.http may reuse
        // it at that moment and get "header parser received no bytes" on a PUT, which it does not retry. One
        // connection per request avoids the race (seen once in a clean-clone run).
        c.put("KeepAlive", false);
        c.putArray("Plugins");
        ObjectNode modalities = c.putObject("DicomModalities");
        if (pleuraPort > 0) {
            modalities.putArray("pleura").add(pleuraAet).add("127.0.0.1").add(pleuraPort);
        }
        Path config = dir.resolve("orthanc.json");
        JSON.writeValue(config.toFile(), c);
        Process p = new ProcessBuilder(exe.toString(), config.toString()).redirectErrorStream(true).start();
        ProcessOutput output = ProcessOutput.follow(p, dir.resolve("orthanc.log"));
        Orthanc o = new Orthanc(p, httpPort, dicomPort);
        try {
            // Orthanc logs this line once both its DICOM and its HTTP servers listen
            if (output.awaitLine(l -> l.endsWith("Orthanc has started"), Duration.ofSeconds(60)).isEmpty()) {
                throw new AssertionError("Orthanc " + (p.isAlive() ? "did not start" : "exited") + ": " + log(dir));
            }
            int status = o.http.get("/system").statusCode();
            if (status != 200) {
                throw new AssertionError("Orthanc answers " + status + " on port " + httpPort + ": " + log(dir));
            }
        } catch (IOException | RuntimeException | Error | InterruptedException e) {
            o.close();
            throw e;
        }
        return o;
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("orthanc.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Declares (or changes) modality {@code pleura} through the REST API. */
    public void declarePleura(String aet, int port) throws IOException, InterruptedException {
        ObjectNode m = JSON.createObjectNode();
        m.put("AET", aet);
        m.put("Host", "127.0.0.1");
        m.put("Port", port);
        HttpResponse<byte[]> r = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(http.base() + "/modalities/pleura"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(m))).build());
        if (r.statusCode() != 200) {
            throw new AssertionError("cannot declare modality pleura: " + r.statusCode() + " " + new String(r.body()));
        }
    }

    /** Orthanc's DICOM port. */
    public int dicomPort() {
        return dicomPort;
    }

    /** Orthanc as a route destination: {@code ORTHANC@127.0.0.1:PORT}. */
    public String node() {
        return AET + "@127.0.0.1:" + dicomPort;
    }

    /** The REST client. */
    public Http http() {
        return http;
    }

    /** Orthanc ids of every instance it holds. */
    public List<String> instances() throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (JsonNode n : http.json("/instances", 200)) {
            out.add(n.asText());
        }
        return out;
    }

    /** The simplified tags of every instance it holds. */
    public List<JsonNode> instanceTags() throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        for (String id : instances()) {
            out.add(http.json("/instances/" + id + "/simplified-tags", 200));
        }
        return out;
    }

    /** Uploads a Part 10 file through the REST API; returns Orthanc's instance id. */
    public String upload(Path file) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.post("/instances", Files.readAllBytes(file), "Content-Type", "application/dicom");
        if (r.statusCode() != 200) {
            throw new AssertionError("Orthanc refused " + file + ": " + r.statusCode() + " " + new String(r.body()));
        }
        return Http.parse(r.body()).get("ID").asText();
    }

    @Override
    public void close() throws InterruptedException {
        Tools.stop(process);
    }
}
