package org.pleura.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs reference command-line tools (dcmtk) in tests; skips the test when a tool is absent. */
public final class ReferenceTools {

    /** Exit status, standard output and standard error of a finished command. */
    public record Result(int exitCode, String out, String err) {
    }

    private ReferenceTools() {
    }

    /** Skips the test unless {@code tool} is on the PATH. */
    public static void require(String tool) {
        assumeTrue(Corpus.hasTool(tool), tool + " (dcmtk) is not installed: skipping; ./scripts/test installs it");
    }

    /** Runs a command (after {@link #require}) and waits for it, at most two minutes. */
    public static Result run(String... command) throws IOException {
        require(command[0]);
        Process p = new ProcessBuilder(new ArrayList<>(Arrays.asList(command))).start();
        try {
            var outF = p.getInputStream();
            var errF = p.getErrorStream();
            Thread errReader = new Thread(() -> {
            });
            byte[][] err = new byte[1][];
            errReader = new Thread(() -> {
                try {
                    err[0] = errF.readAllBytes();
                } catch (IOException e) {
                    err[0] = new byte[0];
                }
            });
            errReader.start();
            byte[] out = outF.readAllBytes();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timeout: " + List.of(command));
            }
            errReader.join();
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err[0], StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
