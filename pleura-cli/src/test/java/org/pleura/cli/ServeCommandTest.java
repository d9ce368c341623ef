package org.pleura.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void helpListsEveryOptionAndThePrecedence() {
        CliRun r = CliRun.of("serve", "--help");
        assertEquals(0, r.status(), r.err());
        for (String option : new String[]{"--data", "--http-port", "--dicom-port", "--ae-title", "--route", "--allow",
                "--db", "--workers", "--model", "--config"}) {
            assertTrue(r.out().contains(option), option + " in\n" + r.out());
        }
        String flat = r.out().replaceAll("\\s+", "");
        assertTrue(flat.contains("flag>environment>file>default"), r.out());
        assertTrue(flat.contains("~/.pleura/data"), "the default data directory is said: " + r.out());
    }

    @Test
    void aWrongValueIsOneClearLineNotAStackTrace() {
        CliRun r = CliRun.of("serve", "--data", tmp.toString(), "--http-port", "eighty");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--http-port: expected a whole number, got 'eighty'"), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());

        CliRun route = CliRun.of("serve", "--data", tmp.toString(), "--route", "PACS-at-host");
        assertEquals(2, route.status());
        assertTrue(route.err().contains("AET@host:port"), route.err());
    }

    @Test
    void startsOnEmbeddedDefaultsAnswersHealthAndStopsWhenInterrupted() throws Exception {
        int http = freePort();
        int dicom = freePort();
        Path config = tmp.resolve("pleura.properties");
        Files.writeString(config, "http-port=" + http + "\ndicom-port=1\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] status = {-1};
        Thread t = new Thread(() -> {
            CommandLine cl = PleuraCommand.newCommandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            status[0] = cl.execute("serve", "--data", tmp.resolve("data").toString(), "--config", config.toString(),
                    "--dicom-port", Integer.toString(dicom), "--model", tmp.resolve("no-model-here").toString());
        });
        t.start();
        t.join(60_000);
        assertEquals(2, status[0], "a missing model package stops the start: " + err);
        assertTrue(err.toString().contains("cannot load model package"), err.toString());

        Thread serving = new Thread(() -> {
            CommandLine cl = PleuraCommand.newCommandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            status[0] = cl.execute("serve", "--data", tmp.resolve("data").toString(), "--config", config.toString(),
                    "--dicom-port", Integer.toString(dicom));
        });
        serving.start();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> health = null;
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            try {
                health = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                break;
            } catch (java.io.IOException e) {
                Thread.sleep(200);
            }
        }
        try {
            assertTrue(health != null, "the server answers on the port from the file: " + err);
            assertTrue(health.body().contains("\"dicom\":{\"status\":\"ok\""), health.body());
            assertTrue(out.toString().contains("DICOM PLEURA on port " + dicom), "the flag overrides the file: " + out);
        } finally {
            serving.interrupt();
            serving.join(60_000);
        }
        assertEquals(0, status[0], err.toString());
        assertTrue(Files.isDirectory(tmp.resolve("data/instances")));
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
