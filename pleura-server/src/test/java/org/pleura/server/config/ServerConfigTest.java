package org.pleura.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pleura.dicom.net.DicomNode;

class ServerConfigTest {

    private static final Path DATA = Path.of("data");

    @Test
    void theBuilderStartsFromTheDefaultsTheResolverUses() {
        ServerConfig built = ServerConfig.builder(DATA).build();
        assertEquals(ConfigResolver.resolve(Map.of(Setting.DATA, List.of("data")), Map.of(), Optional.empty()), built);
        assertEquals(ServerConfig.DEFAULT_HTTP_PORT, built.httpPort());
        assertEquals(ServerConfig.DEFAULT_DICOM_PORT, built.dicomPort());
        assertTrue(built.embeddedDatabase());
        assertEquals(Optional.empty(), built.model());
    }

    @Test
    void everySetterReachesItsComponentAndToBuilderCopiesThemAll() {
        ServerConfig c = ServerConfig.builder(DATA).httpPort(0).dicomPort(-1).aeTitle("NODE")
                .routes(List.of(DicomNode.parse("PACS@h:104"))).allowedCallers(Set.of("MOD"))
                .dbUrl("jdbc:postgresql://db/pleura").dbUser("u").dbPassword("p").workers(3).routeWorkers(5)
                .model(Path.of("m.zip")).maxObjectBytes(1000).maxUploads(2).maxAssociations(4).maxQueued(6)
                .minFreeDiskBytes(0).worklistMaxWait(Duration.ofSeconds(7)).routeMaxBackoff(Duration.ofSeconds(9))
                .security(SecurityConfig.defaults()).build();
        assertEquals(new ServerConfig(DATA, 0, -1, "NODE", List.of(DicomNode.parse("PACS@h:104")), Set.of("MOD"),
                "jdbc:postgresql://db/pleura", "u", "p", 3, 5, Optional.of(Path.of("m.zip")), 1000, 2, 4, 6, 0,
                Duration.ofSeconds(7), Duration.ofSeconds(9), SecurityConfig.defaults()), c);
        assertEquals(c, c.toBuilder().build());
        assertEquals(8080, c.toBuilder().httpPort(8080).build().httpPort());
        assertEquals(Optional.empty(), c.toBuilder().model((Path) null).build().model());
    }

    @Test
    void buildValidatesLikeTheRecord() {
        assertThrows(ConfigException.class, () -> ServerConfig.builder(DATA).workers(0).build());
        assertThrows(ConfigException.class, () -> ServerConfig.builder(DATA).httpPort(70_000).build());
        assertThrows(ConfigException.class, () -> ServerConfig.builder(DATA).dbUrl("jdbc:mysql://x").build());
        assertThrows(ConfigException.class, () -> ServerConfig.builder(DATA).httpPort(-1).dicomPort(-1).build());
    }
}
