package org.pleura.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.pleura.server.db.Database;

/**
 * The append-only audit trail. There is deliberately no method to change or remove an event; the hash chain makes
 * a change made behind Pleura's back visible:
 *
 * <pre>{@code
 * trail.record(new AuditEntry("dr.martin", "radiologist", AuditAction.STUDY_VIEW, studyUid, "", ip));
 * ChainCheck check = trail.verify();   // intact, or the first event that was altered
 * }</pre>
 */
public final class AuditTrail {

    /** The predecessor hash of the first event. */
    public static final String GENESIS = "0".repeat(64);
    private static final String COLUMNS = "pk, at, actor, actor_role, action, target, detail, ip, prev_hash, hash";

    private final Database db;
    private final LongSupplier clock;
    private final Object appendLock = new Object();

    public AuditTrail(Database db) {
        this(db, System::currentTimeMillis);
    }

    /** With a clock (tests). */
    public AuditTrail(Database db, LongSupplier clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Appends an event and returns it as stored. */
    public AuditEvent record(AuditEntry e) {
        synchronized (appendLock) {
            return db.transactionRetrying(3, c -> {
                String prev = GENESIS;
                try (Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT hash FROM audit_events ORDER BY pk DESC LIMIT 1")) {
                    if (r.next()) {
                        prev = r.getString(1);
                    }
                }
                long at = clock.getAsLong();
                String hash = hash(prev, at, e.actor(), e.actorRole(), e.action().code(), e.target(), e.detail(),
                        e.ip());
                try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_events (at, actor, actor_role, action, "
                        + "target, detail, ip, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    s.setLong(1, at);
                    s.setString(2, e.actor());
                    s.setString(3, e.actorRole());
                    s.setString(4, e.action().code());
                    s.setString(5, e.target());
                    s.setString(6, e.detail());
                    s.setString(7, e.ip());
                    s.setString(8, prev);
                    s.setString(9, hash);
                    s.executeUpdate();
                    try (ResultSet r = s.getGeneratedKeys()) {
                        r.next();
                        return new AuditEvent(r.getLong(1), at, e.actor(), e.actorRole(), e.action().code(),
                                e.target(), e.detail(), e.ip(), prev, hash);
                    }
                }
            });
        }
    }

    /** Events matching a query, newest first. */
    public List<AuditEvent> find(AuditQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        args.add(q.limit());
        args.add(q.offset());
        return db.read(c -> list(c, "SELECT " + COLUMNS + " FROM audit_events" + where
                + " ORDER BY pk DESC LIMIT ? OFFSET ?", args));
    }

    /** Number of events matching a query's filters. */
    public long count(AuditQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM audit_events" + where)) {
                bind(s, args);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    private static String where(AuditQuery q, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (q.from() > 0) {
            where.append(" AND at >= ?");
            args.add(q.from());
        }
        if (q.to() > 0) {
            where.append(" AND at < ?");
            args.add(q.to());
        }
        if (!q.actor().isEmpty()) {
            where.append(" AND actor = ?");
            args.add(q.actor());
        }
        if (!q.action().isEmpty()) {
            if (q.action().endsWith(".")) {
                where.append(" AND action LIKE ?");
                args.add(q.action().replace("%", "").replace("_", "") + "%");
            } else {
                where.append(" AND action = ?");
                args.add(q.action());
            }
        }
        if (!q.target().isEmpty()) {
            where.append(" AND target = ?");
            args.add(q.target());
        }
        return where.toString();
    }

    private static void bind(PreparedStatement s, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private static List<AuditEvent> list(Connection c, String sql, List<?> args) throws SQLException {
        List<AuditEvent> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(event(r));
                }
            }
        }
        return out;
    }

    /** Every event matching a query's filters (limit and offset ignored), oldest first, handed to {@code sink}. */
    public void forEach(AuditQuery q, Consumer<AuditEvent> sink) {
        long after = 0;
        while (true) {
            List<Object> args = new ArrayList<>();
            String where = where(q, args) + " AND pk > ?";
            args.add(after);
            args.add(5_000);
            List<AuditEvent> page = db.read(c -> list(c, "SELECT " + COLUMNS + " FROM audit_events" + where
                    + " ORDER BY pk LIMIT ?", args));
            page.forEach(sink);
            if (page.size() < 5_000) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** Re-computes the whole chain, oldest first, in pages (the trail may be long). */
    public ChainCheck verify() {
        return db.read(c -> {
            String prev = GENESIS;
            long n = 0;
            long last = 0;
            while (true) {
                List<AuditEvent> page = list(c, "SELECT " + COLUMNS + " FROM audit_events WHERE pk > ? ORDER BY pk "
                        + "LIMIT ?", List.of(last, 5_000));
                if (page.isEmpty()) {
                    return new ChainCheck(n, true, 0, prev);
                }
                for (AuditEvent e : page) {
                    n++;
                    String expected = hash(prev, e.at(), e.actor(), e.actorRole(), e.action(), e.target(), e.detail(),
                            e.ip());
                    if (!e.prevHash().equals(prev) || !e.hash().equals(expected)) {
                        return new ChainCheck(n, false, e.id(), e.hash());
                    }
                    prev = e.hash();
                    last = e.id();
                }
            }
        });
    }

    private static AuditEvent event(ResultSet r) throws SQLException {
        return new AuditEvent(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10));
    }

    /** SHA-256 over the previous hash and each field, length-prefixed so that no two field lists collide. */
    static String hash(String prev, long at, String actor, String role, String action, String target, String detail,
                       String ip) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        for (String f : new String[]{prev, Long.toString(at), actor, role, action, target, detail, ip}) {
            byte[] b = f.getBytes(StandardCharsets.UTF_8);
            d.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            d.update(b);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
