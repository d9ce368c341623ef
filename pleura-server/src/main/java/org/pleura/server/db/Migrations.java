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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Brings the schema to the current version at start. Migrations are SQL resources {@code V<n>__<what>.sql} next to
 * this class, applied in order of {@code n}, each recorded in {@code schema_version}; a database holding a
 * version this program does not know is refused (never downgraded). Two numbering ranges keep independent work
 * apart: 1-99 for the DICOM store, queue and results, 101-199 for the reading room (users, sessions, audit trail,
 * feedback). To change the schema, add {@code V<n>__...sql} in the right range and list it in {@link #SCRIPTS}.
 */
public final class Migrations {

    /** The migration scripts; the number after {@code V} is the version. */
    static final List<String> SCRIPTS = List.of("V1__schema.sql");

    private Migrations() {
    }

    /** The highest schema version this program writes. */
    public static int currentVersion() {
        return SCRIPTS.stream().mapToInt(Migrations::versionOf).max().orElse(0);
    }

    /** The version of a script named {@code V<n>__<what>.sql}. */
    static int versionOf(String script) {
        int end = script.indexOf("__");
        if (!script.startsWith("V") || end < 2) {
            throw new IllegalStateException("migration " + script + " is not named V<n>__<what>.sql");
        }
        return Integer.parseInt(script.substring(1, end));
    }

    static void apply(Database db) {
        db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                        + "description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            return null;
        });
        Set<Integer> installed = db.read(Migrations::installedVersions);
        Map<Integer, String> known = new TreeMap<>();
        for (String script : SCRIPTS) {
            known.put(versionOf(script), script);
        }
        for (int have : installed) {
            if (!known.containsKey(have)) {
                throw new DatabaseException("database schema version " + have + " is unknown to this Pleura (it knows "
                        + known.keySet() + "); use a newer Pleura");
            }
        }
        for (Map.Entry<Integer, String> script : known.entrySet()) {
            if (installed.contains(script.getKey())) {
                continue;
            }
            String name = script.getValue();
            List<String> statements = statements(read(name));
            int version = script.getKey();
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

    static Set<Integer> installedVersions(Connection c) throws SQLException {
        Set<Integer> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
            while (r.next()) {
                out.add(r.getInt(1));
            }
        }
        return out;
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
