package org.pleura.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.net.DicomNode;
import org.pleura.server.Main;

class ConfigResolverTest {

    @TempDir
    Path tmp;

    @Test
    void defaultsNeedNoSetupAndTheDataDirectoryFollowsPleuraHome() {
        ServerConfig c = ConfigResolver.resolve(Map.of(), Map.of("PLEURA_HOME", tmp.toString()), Optional.empty());
        assertEquals(tmp.resolve("data"), c.dataDir());
        assertEquals(8080, c.httpPort());
        assertEquals(11112, c.dicomPort());
        assertEquals("PLEURA", c.aeTitle());
        assertEquals(List.of(), c.routes());
        assertEquals(Set.of(), c.allowedCallers());
        assertTrue(c.embeddedDatabase());
        assertTrue(c.model().isEmpty());
        Path home = ConfigResolver.resolve(Map.of(), Map.of(), Optional.empty()).dataDir();
        assertEquals(Path.of(System.getProperty("user.home"), ".pleura", "data"), home);
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Path file = tmp.resolve("pleura.properties");
        Files.writeString(file, "http-port=8001\ndicom-port=8002\nae-title=FROMFILE\nworkers=3\n"
                + "route=A@host-a:104, B@host-b:105\n");
        Map<String, String> env = Map.of("PLEURA_HTTP_PORT", "9001", "PLEURA_DICOM_PORT", "9002",
                "PLEURA_ROUTE", "C@host-c:106");
        ServerConfig c = ConfigResolver.resolve(Map.of(Setting.HTTP_PORT, List.of("7001")), env, Optional.of(file));
        assertEquals(7001, c.httpPort(), "flag");
        assertEquals(9002, c.dicomPort(), "environment over file");
        assertEquals("FROMFILE", c.aeTitle(), "file over default");
        assertEquals(3, c.workers());
        assertEquals(List.of(DicomNode.parse("C@host-c:106")), c.routes(), "a list comes whole from one source");

        ServerConfig fileOnly = ConfigResolver.resolve(Map.of(), Map.of(), Optional.of(file));
        assertEquals(List.of(DicomNode.parse("A@host-a:104"), DicomNode.parse("B@host-b:105")), fileOnly.routes());

        ServerConfig viaEnv = ConfigResolver.resolve(Map.of(), Map.of(ConfigResolver.CONFIG_ENV, file.toString()),
                Optional.empty());
        assertEquals(8001, viaEnv.httpPort(), "PLEURA_CONFIG names the file");
    }

    @Test
    void jsonFilesTakeListsNumbersAndCamelCase() throws Exception {
        Path file = tmp.resolve("pleura.json");
        Files.writeString(file, "{\"httpPort\": 8081, \"route\": [\"PACS@10.0.0.5:104\"], \"allow\": \"MOD1,MOD2\","
                + " \"max-object-size\": \"64MB\", \"worklist-max-wait\": \"2h\", \"db\": \"jdbc:postgresql://db/pleura\"}");
        ServerConfig c = ConfigResolver.resolve(Map.of(), Map.of(), Optional.of(file));
        assertEquals(8081, c.httpPort());
        assertEquals(List.of(new DicomNode("PACS", "10.0.0.5", 104)), c.routes());
        assertEquals(Set.of("MOD1", "MOD2"), c.allowedCallers());
        assertEquals(64L << 20, c.maxObjectBytes());
        assertEquals(Duration.ofHours(2), c.worklistMaxWait());
        assertEquals("jdbc:postgresql://db/pleura", c.dbUrl());
    }

    @Test
    void mistakesAreNamedWithTheirSource() throws Exception {
        ConfigException port = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(Map.of(),
                Map.of("PLEURA_HTTP_PORT", "http"), Optional.empty()));
        assertEquals("PLEURA_HTTP_PORT: expected a whole number, got 'http'", port.getMessage());

        Path file = tmp.resolve("typo.properties");
        Files.writeString(file, "htp-port=1\n");
        ConfigException typo = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(Map.of(), Map.of(),
                Optional.of(file)));
        assertTrue(typo.getMessage().contains("unknown setting 'htp-port'"), typo.getMessage());

        ConfigException route = assertThrows(ConfigException.class, () -> ConfigResolver.resolve(
                Map.of(Setting.ROUTE, List.of("PACS:104")), Map.of(), Optional.empty()));
        assertTrue(route.getMessage().startsWith("--route: expected AET@host:port"), route.getMessage());

        assertThrows(ConfigException.class, () -> ConfigResolver.resolve(Map.of(Setting.DB,
                List.of("jdbc:mysql://x/y")), Map.of(), Optional.empty()));
        assertThrows(ConfigException.class, () -> ConfigResolver.resolve(Map.of(Setting.AE_TITLE,
                List.of("MUCH_TOO_LONG_AE_TITLE")), Map.of(), Optional.empty()));
        assertThrows(ConfigException.class, () -> ConfigResolver.resolve(Map.of(), Map.of(), Optional.of(
                tmp.resolve("missing.json"))));
        assertThrows(ConfigException.class, () -> ConfigResolver.resolve(Map.of(Setting.WORKLIST_MAX_WAIT,
                List.of("60")), Map.of(), Optional.empty()), "a duration needs its unit");
    }

    @Test
    void sizesAndDurations() {
        assertEquals(512L << 20, ConfigResolver.parseSize("512MB"));
        assertEquals(2L << 30, ConfigResolver.parseSize("2GiB"));
        assertEquals(1000, ConfigResolver.parseSize("1000"));
        assertEquals(Duration.ofMinutes(5), ConfigResolver.parseDuration("5m"));
        assertEquals(Duration.ofMillis(250), ConfigResolver.parseDuration("250ms"));
        assertEquals(Duration.ofHours(1), ConfigResolver.parseDuration("PT1H"));
    }

    @Test
    void mainTakesTheSameFlags() {
        ServerConfig c = Main.parse(new String[]{"--data", tmp.toString(), "--http-port=81", "--route", "A@h:1",
                "--route", "B@h:2", "--allow", "X"}, Map.of());
        assertEquals(81, c.httpPort());
        assertEquals(2, c.routes().size());
        assertEquals(Set.of("X"), c.allowedCallers());
        assertThrows(ConfigException.class, () -> Main.parse(new String[]{"--colour", "red"}, Map.of()));
    }
}
