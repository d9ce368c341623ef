package org.pleura.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.dicom.UID;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.testing.Http;
import org.pleura.server.testing.Jobs;
import org.pleura.server.testing.Pictures;
import org.pleura.server.testing.Postgres;
import org.pleura.server.testing.SharedImages;
import org.pleura.server.testing.TestModel;
import org.pleura.server.testing.TestNode;
import org.pleura.server.testing.Tools;

/** The whole server on PostgreSQL (a cluster made by the test): receive, analyse, search, restart, one server only. */
class PostgresTest {

    @TempDir
    Path tmp;
    Postgres pg;
    @AutoClose
    TestNode server;

    @AfterEach
    void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    private ServerConfig.Builder onPostgres(ServerConfig.Builder b) {
        return b.model(TestModel.path()).dbUrl(pg.url()).dbUser(pg.user()).dbPassword("");
    }

    @Test
    void theServerRunsOnPostgresql() throws Exception {
        Tools.require("storescu", "dcmtk");
        pg = Postgres.start();
        server = TestNode.open(tmp.resolve("data"), this::onPostgres);
        Http http = server.http();
        assertEquals("POSTGRESQL", http.json("/health", 200).get("checks").get("database").get("dialect").asText());

        String study = UID.generate();
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aec", "PLEURA", "localhost",
                Integer.toString(server.dicomPort())));
        int n = 0;
        for (Path p : SharedImages.chestFiles()) {
            if (p.getFileName().toString().startsWith("NIHdx_") && p.toString().contains("explicitLE")) {
                Path copy = tmp.resolve("img" + n++ + ".dcm");
                SharedImages.copyWithNewUids(p, copy, study, null);
                cmd.add(copy.toString());
            }
        }
        Tools.Result r = Tools.run(Duration.ofSeconds(120), cmd);
        assertTrue(r.ok(), r.output());
        assertEquals(202, http.post("/api/images", Pictures.png(300, 10, 5)).statusCode());
        int images = n + 1;
        Jobs.await(server, Duration.ofMinutes(3), "analyses done", () -> {
            try {
                return http.json("/api/jobs?kind=analyze&state=done", 200).size() + http.json(
                        "/api/jobs?kind=analyze&state=refused", 200).size() == images;
            } catch (Exception e) {
                return false;
            }
        });
        JsonNode found = http.json("/dicomweb/studies?StudyInstanceUID=" + study, 200);
        assertEquals(1, found.size());
        assertEquals(3 * n, found.get(0).get("00201208").get("Value").get(0).asInt(), "images, SCs and SRs");
        assertTrue(http.json("/api/worklist", 200).get("studies").size() >= 1);

        // one server per database: a second one is refused while the first runs
        ServerStartException second = assertThrows(ServerStartException.class,
                () -> PleuraServer.startOpen(TestNode.config(tmp.resolve("data2"), this::onPostgres)));
        assertTrue(second.getMessage().contains("another pleura serve is using database"), second.getMessage());

        // restart: everything is still there
        server.close();
        server = TestNode.open(tmp.resolve("data"), this::onPostgres);
        assertEquals(0, server.pleura().recovery().requeued());
        Http again = server.http();
        assertEquals(3 * n, again.json("/api/studies/" + study, 200).get("instances").asInt());
        assertTrue(Files.isDirectory(tmp.resolve("data/instances")));
    }
}
