package org.pleura.dicom.net;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pleura.dicom.Corpus;

/** Runs dcmtk peers (echoscu, storescu, storescp) for the network tests; skips a test when a tool is absent. */
final class Dcmtk {

    /** Exit code and merged standard output and error of a finished command. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Dcmtk() {
    }

    static void require(String tool) {
        assumeTrue(Corpus.hasTool(tool), tool + " (dcmtk) is not installed: skipping; ./scripts/test installs it");
    }

    /** Runs a command to its end, killing it after {@code timeout}. */
    static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        require(command[0]);
        Process p = new ProcessBuilder(new ArrayList<>(Arrays.asList(command))).redirectErrorStream(true).start();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                out[0] = in.readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        boolean finished = false;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                throw new AssertionError("timeout after " + timeout + ": " + List.of(command));
            }
            reader.join(10_000); // after a normal exit: destroying first would close the pipe under the reader
        } finally {
            if (!finished) {
                p.destroyForcibly();
            }
        }
        return new Result(p.exitValue(), new String(out[0] == null ? new byte[0] : out[0], StandardCharsets.UTF_8));
    }

    /** Starts a long-running peer, its output going to {@code log}. Kill it with {@link #stop(Process)}. */
    static Process start(Path log, String... command) throws IOException {
        require(command[0]);
        return new ProcessBuilder(new ArrayList<>(Arrays.asList(command))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** A TCP port free right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** echoscu with short timeouts: {@code echoscu -aet CALLING -aec CALLED localhost PORT}. */
    static Result echo(String calling, String called, int port) throws IOException, InterruptedException {
        return run(Duration.ofSeconds(30), "echoscu", "-v", "-to", "10", "-ta", "10", "-td", "10", "-aet", calling,
                "-aec", called, "localhost", Integer.toString(port));
    }
}
