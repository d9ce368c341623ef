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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Brings the schema to the current version at start. Migrations are SQL resources {@code V<n>__<what>.sql} next to
 * this class, listed in {@link #SCRIPTS}; each is applied once, in order of its version {@code n}, and recorded in
 * {@code schema_version}. Versions need not be contiguous: each part of the server owns a range (1-100 the DICOM
 * store and the queue, 101-199 the reading room), so parts add migrations independently. A database holding a
 * version this program does not know was written by a newer Pleura and is refused (never downgraded).
 */
public final class Migrations {

    /** The migration scripts; the version is the number after the V. */
    static final List<String> SCRIPTS = List.of("V1__schema.sql", "V101__reading_room.sql");

    private static final Pattern NAME = Pattern.compile("V(\\d+)__[A-Za-z0-9_]+\\.sql");

    private Migrations() {
    }

    /** The highest schema version this program writes. */
    public static int currentVersion() {
        return SCRIPTS.stream().mapToInt(Migrations::version).max().orElse(0);
    }

    static int version(String script) {
        Matcher m = NAME.matcher(script);
        if (!m.matches()) {
            throw new DatabaseException("migration " + script + " is not named V<number>__<words>.sql");
        }
        return Integer.parseInt(m.group(1));
    }

    static void apply(Database db) {
        db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, "
                        + "description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            return null;
        });
        Set<Integer> have = db.read(Migrations::installedVersions);
        Map<Integer, String> known = new TreeMap<>();
        for (String script : SCRIPTS) {
            if (known.put(version(script), script) != null) {
                throw new DatabaseException("two migrations have version " + version(script));
            }
        }
        for (int v : have) {
            if (!known.containsKey(v)) {
                throw new DatabaseException("the database has schema version " + v + ", unknown to this Pleura "
                        + "(written by a newer one?); use a newer Pleura");
            }
        }
        for (Map.Entry<Integer, String> e : known.entrySet()) {
            if (have.contains(e.getKey())) {
                continue;
            }
            String name = e.getValue();
            List<String> statements = statements(read(name));
            int version = e.getKey();
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
        Set<Integer> out = new TreeSet<>();
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
