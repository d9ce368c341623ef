package org.pleura.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
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
    private static final Predicate<String> JOB_ENDED = l -> l.matches(".* job \\d+: attempt \\d+ ended$");

    private final Process process;
    private final ProcessOutput output;
    private final Path log;
    private final int httpPort;
    private final int dicomPort;

    private ServerProcess(Process process, ProcessOutput output, Path log, int httpPort, int dicomPort) {
        this.process = process;
        this.output = output;
        this.log = log;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
    }

    /**
     * Starts {@code Main} with these arguments (plus free ports) and blocks until it prints that it is ready. The
     * workers log each job attempt that ends (debug level, enabled here) so that {@link #awaitJobs} can block on them.
     */
    public static ServerProcess start(Path log, List<String> args) throws IOException, InterruptedException {
        Path logging = log.resolveSibling(log.getFileName() + ".logging.properties");
        Files.writeString(logging, "handlers=java.util.logging.ConsoleHandler\n"
                + "java.util.logging.ConsoleHandler.level=FINE\norg.pleura.server.work.level=FINE\n");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g", "-XX:+ExitOnOutOfMemoryError",
                "-Dai.djl.offline=true", "-Djava.util.logging.config.file=" + logging, "org.pleura.server.Main",
                "--http-port", "0", "--dicom-port", "0"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PLEURA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process p = pb.start();
        ProcessOutput output = ProcessOutput.follow(p, log);
        Optional<String> ready;
        try {
            ready = output.awaitLine(l -> READY.matcher(l).find(), Duration.ofMinutes(2));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
        if (ready.isEmpty()) {
            p.destroyForcibly();
            throw new AssertionError("the server process " + (p.isAlive() ? "did not say it was ready"
                    : "exited") + ": " + read(log));
        }
        Matcher m = READY.matcher(ready.get());
        m.find();
        return new ServerProcess(p, output, log, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * Blocks until the condition holds, checked again each time the server logs a job attempt that ended; fails
     * after {@code timeout} (a guard against a hang) or when the server exits.
     */
    public void awaitJobs(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = output.count(JOB_ENDED);
            if (condition.getAsBoolean()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || output.awaitMoreThan(seen, JOB_ENDED, Duration.ofNanos(left)) == seen) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + " (log " + log + ")");
            }
        }
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
        output.awaitEnd(Duration.ofSeconds(30));
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
