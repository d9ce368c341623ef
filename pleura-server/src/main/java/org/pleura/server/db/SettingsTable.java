package org.pleura.server.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.pleura.server.db.Database;

/** The {@code settings} table: named values an admin changes at run time (and a few values Pleura keeps). */
public final class SettingsTable {

    private final Database db;

    public SettingsTable(Database db) {
        this.db = db;
    }

    /** The stored value, if any. */
    public Optional<String> get(String name) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT setting_value FROM settings WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** Every stored value. */
    public Map<String, String> all() {
        return db.read(c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT name, setting_value FROM settings ORDER BY name")) {
                while (r.next()) {
                    out.put(r.getString(1), r.getString(2));
                }
            }
            return out;
        });
    }

    /** Stores a value (insert or replace). */
    public void put(String name, String value, String by, long now) {
        db.transactionRetrying(3, c -> {
            int n;
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE settings SET setting_value = ?, updated_at = ?, updated_by = ? WHERE name = ?")) {
                s.setString(1, value);
                s.setLong(2, now);
                s.setString(3, by);
                s.setString(4, name);
                n = s.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO settings (name, setting_value, updated_at, updated_by) VALUES (?, ?, ?, ?)")) {
                    s.setString(1, name);
                    s.setString(2, value);
                    s.setLong(3, now);
                    s.setString(4, by);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The stored value, or {@code create}'s result stored first (e.g. a key generated once). */
    public synchronized String getOrCreate(String name, java.util.function.Supplier<String> create, long now) {
        Optional<String> v = get(name);
        if (v.isPresent()) {
            return v.get();
        }
        String value = create.get();
        put(name, value, "pleura", now);
        return value;
    }
}
