package org.pleura.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the schema to the current version at start. Migrations are SQL resources {@code V<n>__<what>.sql} next to
 * this class, applied in order, each recorded in {@code schema_version}; a database newer than this program is
 * refused (never downgraded). To change the schema, add {@code V<n+1>__...sql} and list it in {@link #SCRIPTS}.
 */
public final class Migrations {

    /** The migration scripts in order; index + 1 is the version. */
    static final List<String> SCRIPTS = List.of("V1__schema.sql");

    private Migrations() {
    }

    /** The schema version this program writes. */
    public static int currentVersion() {
        return SCRIPTS.size();
    }

    static void apply(Database db) {
        db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                        + "description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            return null;
        });
        int have = db.read(Migrations::installedVersion);
        if (have > SCRIPTS.size()) {
            throw new DatabaseException("database schema version " + have + " is newer than this Pleura ("
                    + SCRIPTS.size() + "); use a newer Pleura");
        }
        for (int v = have + 1; v <= SCRIPTS.size(); v++) {
            String name = SCRIPTS.get(v - 1);
            List<String> statements = statements(read(name));
            int version = v;
            db.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, name);
                    p.setLong(3, System.currentTimeMillis());
                    p.executeUpdate();
                }
                return null;
            });
        }
    }

    static int installedVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new DatabaseException("migration " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatabaseException("cannot read migration " + name + ": " + e.getMessage(), e);
        }
    }

    /** Splits a script into statements at semicolons ending a line; drops {@code --} comment lines. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = cur.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
