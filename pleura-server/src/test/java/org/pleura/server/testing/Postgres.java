package org.pleura.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL cluster for a test: {@code initdb} in a temporary directory, {@code pg_ctl start} on a
 * free port (TCP on 127.0.0.1, socket in the data directory), trust authentication for user {@code pleura}. As root
 * (CI), which initdb refuses, the cluster runs as the {@code postgres} user through {@code runuser}.
 */
public final class Postgres implements AutoCloseable {

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private Postgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The directory holding initdb and pg_ctl, or the test is skipped. */
    static Path binaries() throws IOException {
        Optional<Path> initdb = Tools.find("initdb");
        if (initdb.isEmpty()) {
            try (Stream<Path> s = Files.list(Path.of("/usr/lib/postgresql"))) {
                initdb = s.map(v -> v.resolve("bin/initdb")).filter(Files::isExecutable)
                        .max(Comparator.naturalOrder());
            } catch (IOException e) {
                initdb = Optional.empty();
            }
        }
        assumeTrue(initdb.isPresent(), "PostgreSQL (initdb) is not installed: skipping (./scripts/test installs the "
                + "Debian package postgresql)");
        return initdb.get().toRealPath().getParent();
    }

    private static Path binariesQuietly() {
        try {
            return binaries();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates and starts a cluster. */
    public static Postgres start() throws IOException, InterruptedException {
        Path bin = binariesQuietly();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            assumeTrue(Tools.find("runuser", "/usr/sbin", "/sbin").isPresent()
                    && Tools.run(Duration.ofSeconds(10), List.of("id", "postgres")).ok(),
                    "running as root without a postgres user to run PostgreSQL: skipping");
        }
        Path dir = Files.createTempDirectory("pleura-pg");
        if (root) {
            Tools.Result chown = Tools.run(Duration.ofSeconds(10), List.of("chown", "postgres:", dir.toString()));
            if (!chown.ok()) {
                throw new IllegalStateException("chown: " + chown.output());
            }
        }
        int port = Tools.freePort();
        Postgres pg = new Postgres(bin, dir, port, root);
        Tools.Result init = pg.run(Duration.ofMinutes(2), bin.resolve("initdb").toString(), "-D",
                dir.resolve("cluster").toString(), "-A", "trust", "-U", "pleura", "-E", "UTF8", "--no-sync");
        if (!init.ok()) {
            pg.delete();
            throw new IllegalStateException("initdb failed: " + init.output());
        }
        Tools.Result start = pg.run(Duration.ofMinutes(1), bin.resolve("pg_ctl").toString(), "-D",
                dir.resolve("cluster").toString(), "-l", dir.resolve("postgres.log").toString(), "-w", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
        if (!start.ok()) {
            String log = Files.exists(dir.resolve("postgres.log")) ? Files.readString(dir.resolve("postgres.log")) : "";
            pg.delete();
            throw new IllegalStateException("pg_ctl start failed: " + start.output() + "\n" + log);
        }
        return pg;
    }

    private Tools.Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        return Tools.run(timeout, cmd);
    }

    /** JDBC URL of the {@code postgres} database. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The user (trusted, no password). */
    public String user() {
        return "pleura";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run(Duration.ofMinutes(1), bin.resolve("pg_ctl").toString(), "-D", dir.resolve("cluster").toString(),
                    "-m", "immediate", "stop");
        } finally {
            delete();
        }
    }

    private void delete() throws IOException, InterruptedException {
        Tools.run(Duration.ofMinutes(1), List.of("rm", "-rf", dir.toString()));
    }
}
