package org.pleura.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.results.Language;
import org.pleura.server.PleuraServer;
import org.pleura.server.admin.OperatorTool;
import org.pleura.server.auth.PasswordHasher;
import org.pleura.server.auth.Role;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.testing.RawHttp;
import org.pleura.server.testing.TestClock;

/** {@code pleura admin}'s work on a stopped server's database, then the server started again on it. */
class OperatorToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "a long test password";

    @TempDir
    Path tmp;
    final TestClock clock = new TestClock();

    private int signIn(PleuraServer server, String user, String password) throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("username", user, "password", password));
        try (RawHttp c = RawHttp.connect("127.0.0.1", server.httpPort())) {
            return c.head("POST /api/session HTTP/1.1", "Host: localhost", "Content-Type: application/json",
                    "Content-Length: " + body.length, "Connection: close").send(body).read().status();
        }
    }

    @Test
    void resetPasswordUnlockAndEndSessionsOnAStoppedServer() throws Exception {
        ServerConfig config = ServerConfig.builder(tmp.resolve("data")).httpPort(0).dicomPort(0).build();
        try (PleuraServer server = PleuraServer.start(config, clock)) {
            server.readingRoom().users().create("root", "Root", Role.ADMIN, Language.EN,
                    new PasswordHasher().hash(PASSWORD.toCharArray()), clock.millis());
            assertEquals(200, signIn(server, "root", PASSWORD));
            assertEquals(401, signIn(server, "root", "forgotten"));
            IOException running = assertThrows(IOException.class, () -> OperatorTool.open(config, "ops", clock));
            assertTrue(running.getMessage().contains("stop it first"), running.getMessage());
        }
        String generated;
        try (OperatorTool tool = OperatorTool.open(config, "ops", clock)) {
            assertEquals(1, tool.sessions().size());
            assertEquals(1, tool.users().stream().filter(u -> u.username().equals("root")).findFirst().orElseThrow()
                    .failedLogins());
            generated = tool.resetPassword("root", Optional.empty());
            assertEquals(0, tool.sessions().size(), "sessions ended with the reset");
            assertEquals(0, tool.unlock("root").failedLogins());
            assertThrows(IllegalArgumentException.class, () -> tool.resetPassword("root", Optional.of("short")));
            assertThrows(IllegalArgumentException.class, () -> tool.unlock("nobody"));
            assertTrue(tool.verifyAudit().intact());
        }
        try (PleuraServer server = PleuraServer.start(config, clock)) {
            assertEquals(401, signIn(server, "root", PASSWORD), "the old password is gone");
            assertEquals(200, signIn(server, "root", generated), "the operator's new password works");
            assertTrue(server.readingRoom().audit().find(new org.pleura.server.audit.AuditQuery(0, 0, "ops", "", "",
                    10, 0)).stream().anyMatch(e -> e.detail().startsWith("password reset from the command line")));
        }
    }

    @Test
    void verificationFindsAnAuditRowChangedInTheDatabase() throws Exception {
        ServerConfig config = ServerConfig.builder(tmp.resolve("data")).httpPort(0).dicomPort(0).build();
        try (PleuraServer server = PleuraServer.start(config, clock)) {
            for (int i = 0; i < 3; i++) {
                signIn(server, "someone", "wrong " + i);
            }
        }
        String url = "jdbc:h2:file:" + tmp.resolve("data").resolve("db").resolve("pleura").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, "", ""); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE audit_events SET detail = 'nothing happened' WHERE pk = "
                    + "(SELECT MIN(pk) + 1 FROM audit_events)"));
        }
        try (OperatorTool tool = OperatorTool.open(config, "ops", clock)) {
            assertFalse(tool.verifyAudit().intact(), "a row changed directly in the database breaks the chain");
        }
    }
}
