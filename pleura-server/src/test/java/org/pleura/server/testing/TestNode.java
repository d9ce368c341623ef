package org.pleura.server.testing;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.pleura.dicom.net.DicomNode;
import org.pleura.results.Language;
import org.pleura.server.PleuraServer;
import org.pleura.server.auth.PasswordHasher;
import org.pleura.server.auth.Role;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.web.ReadingRoom;

/**
 * A Pleura node started for one test: plain HTTP and DICOM on free ports, data in the given folder, the settings
 * changed by a {@link ServerConfig.Builder} customizer. Tests hold it in an {@code @AutoClose} field:
 *
 * <pre>{@code
 * @TempDir Path tmp;
 * @AutoClose TestNode server;
 *
 * server = TestNode.withUsers(tmp.resolve("data"), b -> b.model(TestModel.path()));
 * Http paul = server.user("paul", Role.CLINICIAN);
 * }</pre>
 */
public final class TestNode implements AutoCloseable {

    /** The password of every user made by {@link #user}. */
    public static final String PASSWORD = "a long test password";

    private final PleuraServer server;

    private TestNode(PleuraServer server) {
        this.server = server;
    }

    /** A node whose API every caller may use ({@link PleuraServer#startOpen}). */
    public static TestNode open(Path dataDir, UnaryOperator<ServerConfig.Builder> settings) {
        return start(dataDir, settings, PleuraServer::startOpen);
    }

    /** {@link #open(Path, UnaryOperator)} with the default settings. */
    public static TestNode open(Path dataDir) {
        return open(dataDir, b -> b);
    }

    /** A node with users: every route checks its caller ({@link PleuraServer#start(ServerConfig, Clock)}). */
    public static TestNode withUsers(Path dataDir, UnaryOperator<ServerConfig.Builder> settings, Clock clock) {
        return start(dataDir, settings, c -> PleuraServer.start(c, clock));
    }

    /** {@link #withUsers(Path, UnaryOperator, Clock)} on the system clock. */
    public static TestNode withUsers(Path dataDir, UnaryOperator<ServerConfig.Builder> settings) {
        return withUsers(dataDir, settings, Clock.systemUTC());
    }

    /** {@link #withUsers(Path, UnaryOperator)} with the default settings. */
    public static TestNode withUsers(Path dataDir) {
        return withUsers(dataDir, b -> b);
    }

    /** A node started by {@code starter} (other collaborators: a scripted analysis, a recording sender...). */
    public static TestNode start(Path dataDir, UnaryOperator<ServerConfig.Builder> settings,
                                 Function<ServerConfig, PleuraServer> starter) {
        return new TestNode(starter.apply(config(dataDir, settings)));
    }

    /** The configuration the factories start: free ports, then the customizer's settings. */
    public static ServerConfig config(Path dataDir, UnaryOperator<ServerConfig.Builder> settings) {
        return settings.apply(ServerConfig.builder(dataDir).httpPort(0).dicomPort(0)).build();
    }

    /** The running server. */
    public PleuraServer pleura() {
        return server;
    }

    /** The HTTP port. */
    public int httpPort() {
        return server.httpPort();
    }

    /** The DICOM port. */
    public int dicomPort() {
        return server.dicomPort();
    }

    /** The HTTPS port, -1 when off. */
    public int httpsPort() {
        return server.httpsPort();
    }

    /** The DICOM TLS port, -1 when off. */
    public int dicomTlsPort() {
        return server.dicomTlsPort();
    }

    /** The server's reading room: users, audit trail, feedback. */
    public ReadingRoom readingRoom() {
        return server.readingRoom();
    }

    /** {@code http://localhost:PORT}. */
    public String baseUrl() {
        return "http://localhost:" + httpPort();
    }

    /** A client sending no credential. */
    public Http http() {
        return new Http(baseUrl());
    }

    /** This node as a DICOM peer: {@code PLEURA@127.0.0.1:PORT}. */
    public DicomNode dicomNode() {
        return new DicomNode(server.config().aeTitle(), "127.0.0.1", dicomPort());
    }

    /**
     * Creates a user (display name as given, English, {@link #PASSWORD}) and returns a client signing as them by
     * HTTP Basic.
     */
    public Http user(String name, Role role) {
        return user(name, name, role);
    }

    /** Creates a user with this display name; see {@link #user(String, Role)}. */
    public Http user(String name, String displayName, Role role) {
        readingRoom().users().create(name, displayName, role, Language.EN,
                new PasswordHasher().hash(PASSWORD.toCharArray()), System.currentTimeMillis());
        return http().withBasic(name, PASSWORD);
    }

    @Override
    public void close() {
        server.close();
    }
}
