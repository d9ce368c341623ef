package org.pleura.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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

        Output served = new Output();
        Thread serving = new Thread(() -> {
            CommandLine cl = PleuraCommand.newCommandLine();
            cl.setOut(new PrintWriter(served, true));
            cl.setErr(new PrintWriter(err, true));
            try {
                status[0] = cl.execute("serve", "--data", tmp.resolve("data").toString(), "--config",
                        config.toString(), "--dicom-port", Integer.toString(dicom));
            } finally {
                served.end();
            }
        });
        serving.start();
        try {
            // serve prints its ports once the server is up: the test blocks until that line (or the command's end)
            assertTrue(served.awaitLine("Stop with Ctrl-C.", Duration.ofSeconds(60)), "serve did not start: "
                    + served + err);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + http + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(health.body().contains("\"dicom\":{\"status\":\"ok\""), health.body());
            assertTrue(served.toString().contains("DICOM PLEURA on port " + dicom), "the flag overrides the file: "
                    + served);
        } finally {
            serving.interrupt();
            serving.join(60_000);
        }
        assertEquals(0, status[0], err.toString());
        assertTrue(Files.isDirectory(tmp.resolve("data/instances")));
    }

    /** Standard output a test can block on: each write wakes the waiters, and so does the end of the command. */
    private static final class Output extends Writer {
        private final StringBuilder text = new StringBuilder();
        private boolean ended;

        @Override
        public synchronized void write(char[] chars, int off, int len) {
            text.append(chars, off, len);
            notifyAll();
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        /** Blocks until the output holds {@code line} (true) or the command ended or the timeout passed (false). */
        synchronized boolean awaitLine(String line, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!text.toString().contains(line) && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return text.toString().contains(line);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
