package org.pleura.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pleura serve} in its own JVM ({@link org.pleura.server.Main} on the test class path), so that a test can
 * kill it with SIGKILL ({@link Process#destroyForcibly()}) at any moment, as a power cut or {@code kill -9} would.
 */
public final class ServerProcess implements AutoCloseable {

    /** The first admin's password (PLEURA_ADMIN_PASSWORD): the server checks every API call. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private static final Pattern READY = Pattern.compile("pleura serve: ready http=(\\d+) dicom=(\\d+)");

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int dicomPort;

    private ServerProcess(Process process, Path log, int httpPort, int dicomPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
    }

    /** Starts {@code Main} with these arguments (plus free ports) and waits until it says it is ready. */
    public static ServerProcess start(Path log, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g", "-XX:+ExitOnOutOfMemoryError",
                "-Dai.djl.offline=true", "org.pleura.server.Main", "--http-port", "0", "--dicom-port", "0"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PLEURA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process p = pb.start();
        int[] ports = new int[2];
        try {
            Tools.await(Duration.ofMinutes(2), "the server process to be ready (log " + log + ")", () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("the server process exited with " + p.exitValue() + ": " + read(log));
                }
                Matcher m = READY.matcher(read(log));
                if (m.find()) {
                    ports[0] = Integer.parseInt(m.group(1));
                    ports[1] = Integer.parseInt(m.group(2));
                    return true;
                }
                return false;
            });
        } catch (RuntimeException | Error | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
        return new ServerProcess(p, log, ports[0], ports[1]);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** An HTTP client signed in as the first admin (HTTP Basic). */
    public Http http() {
        return Http.local(httpPort).withBasic("admin", ADMIN_PASSWORD);
    }

    public int httpPort() {
        return httpPort;
    }

    public int dicomPort() {
        return dicomPort;
    }

    /** Everything the process wrote so far. */
    public String log() {
        return read(log);
    }

    /** SIGKILL, no shutdown hook, no flush: what {@code kill -9} does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The process id. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        Tools.stop(process);
    }
}
