package org.pleura.server.worklist;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pleura.server.db.Database;

/**
 * The worklist: the one rule that orders studies for readers, used by the reading room ({@code GET
 * /api/reading/worklist}) and the REST API ({@code GET /api/worklist}). Studies with at least one image sent for
 * analysis; overdue studies first (received before the maximum wait and not yet reviewed: a study stops counting
 * as overdue once a reader gave feedback on it, so yesterday's read studies do not crowd the top), oldest first;
 * then by level, urgent positive, doubtful, follow-up, routine; oldest first within a level. A page filters by
 * date, finding, call, reviewed or not, level and patient or accession, and costs four queries whatever its size
 * (the page, then the calls, analysis states and reviewers of all its studies at once).
 */
public final class Worklist {

    private static final String REVIEWED = "EXISTS (SELECT 1 FROM feedback f JOIN instances fi ON fi.pk = f.instance_pk "
            + "JOIN series fs ON fs.pk = fi.series_pk WHERE fs.study_pk = st.pk AND f.withdrawn_at IS NULL)";
    private static final String ANALYSED = "EXISTS (SELECT 1 FROM jobs j JOIN instances ji ON ji.pk = j.instance_pk "
            + "JOIN series js ON js.pk = ji.series_pk WHERE js.study_pk = st.pk AND j.kind = 'analyze')";

    private final Database db;

    public Worklist(Database db) {
        this.db = db;
    }

    /**
     * A page of the worklist.
     *
     * @param overdueBefore studies received before this epoch ms (and not reviewed) are overdue
     * @param findingOrder  catalogue order for each study's calls
     */
    public List<WorklistEntry> page(WorklistFilter f, long overdueBefore, List<String> findingOrder) {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        List<Object> all = new ArrayList<>(args);
        all.add(overdueBefore);
        all.add(f.limit());
        all.add(f.offset());
        String sql = "SELECT st.pk, st.study_uid, p.patient_id, p.patient_name, p.birth_date, p.sex, st.study_date, "
                + "st.study_time, st.accession_number, st.study_description, st.received_at, st.triage_level, "
                + "CASE WHEN st.received_at < ? AND NOT " + REVIEWED + " THEN 1 ELSE 0 END "
                + "FROM studies st JOIN patients p ON p.pk = st.patient_pk" + where
                + " ORDER BY CASE WHEN st.received_at < ? AND NOT " + REVIEWED + " THEN -1 ELSE st.triage_level END, "
                + "st.received_at, st.pk LIMIT ? OFFSET ?";
        return db.read(c -> {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                s.setLong(i++, overdueBefore);
                for (Object a : all) {
                    s.setObject(i++, a);
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(new Object[]{r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9),
                                r.getString(10), r.getLong(11), r.getInt(12), r.getInt(13) == 1});
                    }
                }
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            String in = "(" + "?, ".repeat(rows.size() - 1) + "?)";
            List<Object> pks = new ArrayList<>();
            rows.forEach(row -> pks.add(row[0]));
            Map<Long, List<WorklistEntry.Call>> calls = calls(c, in, pks, findingOrder);
            Map<Long, Map<String, Long>> states = states(c, in, pks);
            Map<Long, List<String>> reviewers = reviewers(c, in, pks);
            List<WorklistEntry> out = new ArrayList<>();
            for (Object[] row : rows) {
                long pk = (Long) row[0];
                out.add(new WorklistEntry(pk, (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                        (String) row[5], (String) row[6], (String) row[7], (String) row[8], (String) row[9],
                        (Long) row[10], (Integer) row[11], (Boolean) row[12], calls.getOrDefault(pk, List.of()),
                        states.getOrDefault(pk, Map.of()), reviewers.getOrDefault(pk, List.of())));
            }
            return out;
        });
    }

    /** Number of studies the filter matches (all pages). */
    public long count(WorklistFilter f) {
        List<Object> args = new ArrayList<>();
        String where = where(f, args);
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM studies st JOIN patients p "
                    + "ON p.pk = st.patient_pk" + where)) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    /**
     * A cheap fingerprint of everything the worklist shows: it changes when a study arrives, an analysis ends or a
     * reader gives or withdraws feedback.
     */
    public String stamp() {
        return db.read(c -> {
            StringBuilder sb = new StringBuilder();
            for (String q : new String[]{"SELECT COALESCE(MAX(pk), 0) FROM studies",
                    "SELECT COALESCE(MAX(updated_at), 0) FROM jobs WHERE kind = 'analyze'",
                    "SELECT COALESCE(MAX(pk), 0) FROM results",
                    "SELECT COALESCE(MAX(pk), 0) FROM feedback",
                    "SELECT COALESCE(MAX(withdrawn_at), 0) FROM feedback"}) {
                try (PreparedStatement s = c.prepareStatement(q); ResultSet r = s.executeQuery()) {
                    r.next();
                    sb.append(r.getLong(1)).append('.');
                }
            }
            return sb.toString();
        });
    }

    private static String where(WorklistFilter f, List<Object> args) {
        StringBuilder w = new StringBuilder(" WHERE " + ANALYSED);
        if (f.receivedFrom() > 0) {
            w.append(" AND st.received_at >= ?");
            args.add(f.receivedFrom());
        }
        if (f.receivedTo() > 0) {
            w.append(" AND st.received_at < ?");
            args.add(f.receivedTo());
        }
        f.level().ifPresent(l -> {
            w.append(" AND st.triage_level = ?");
            args.add(l);
        });
        f.upToLevel().ifPresent(l -> {
            w.append(" AND st.triage_level <= ?");
            args.add(l);
        });
        f.reviewed().ifPresent(r -> w.append(r ? " AND " : " AND NOT ").append(REVIEWED));
        if (!f.findingId().isEmpty() || !f.call().isEmpty()) {
            w.append(" AND EXISTS (SELECT 1 FROM result_findings rf JOIN results rr ON rr.pk = rf.result_pk "
                    + "JOIN instances ri ON ri.pk = rr.instance_pk JOIN series rs ON rs.pk = ri.series_pk "
                    + "WHERE rs.study_pk = st.pk");
            if (!f.findingId().isEmpty()) {
                w.append(" AND rf.finding_id = ?");
                args.add(f.findingId());
            }
            if (!f.call().isEmpty()) {
                w.append(" AND rf.finding_call = ?");
                args.add(f.call());
            } else {
                w.append(" AND rf.finding_call IN ('positive', 'doubtful')");
            }
            w.append(")");
        }
        if (!f.text().isEmpty()) {
            String like = "%" + f.text().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%";
            w.append(" AND (LOWER(p.patient_name) LIKE ? ESCAPE '!' OR LOWER(p.patient_id) LIKE ? ESCAPE '!' "
                    + "OR LOWER(st.accession_number) LIKE ? ESCAPE '!')");
            args.add(like);
            args.add(like);
            args.add(like);
        }
        return w.toString();
    }

    private static Map<Long, List<WorklistEntry.Call>> calls(Connection c, String in, List<Object> pks,
                                                             List<String> order) throws SQLException {
        Map<Long, Map<String, WorklistEntry.Call>> best = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT se.study_pk, rf.finding_id, rf.finding_call, "
                + "MAX(rf.score) FROM result_findings rf JOIN results r ON r.pk = rf.result_pk "
                + "JOIN instances i ON i.pk = r.instance_pk JOIN series se ON se.pk = i.series_pk "
                + "WHERE se.study_pk IN " + in + " AND rf.finding_call IN ('positive', 'doubtful') "
                + "GROUP BY se.study_pk, rf.finding_id, rf.finding_call")) {
            bind(s, pks);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    WorklistEntry.Call call = new WorklistEntry.Call(r.getString(2), r.getString(3), r.getDouble(4));
                    best.computeIfAbsent(r.getLong(1), k -> new LinkedHashMap<>()).merge(call.findingId(), call,
                            (a, b) -> a.call().equals("positive") ? a : b.call().equals("positive") ? b
                                    : a.score() >= b.score() ? a : b);
                }
            }
        }
        Map<Long, List<WorklistEntry.Call>> out = new HashMap<>();
        best.forEach((pk, m) -> {
            List<WorklistEntry.Call> l = new ArrayList<>(m.values());
            l.sort((a, b) -> {
                int ia = order.indexOf(a.findingId());
                int ib = order.indexOf(b.findingId());
                ia = ia < 0 ? Integer.MAX_VALUE : ia;
                ib = ib < 0 ? Integer.MAX_VALUE : ib;
                return ia != ib ? Integer.compare(ia, ib) : a.findingId().compareTo(b.findingId());
            });
            out.put(pk, l);
        });
        return out;
    }

    private static Map<Long, Map<String, Long>> states(Connection c, String in, List<Object> pks) throws SQLException {
        Map<Long, Map<String, Long>> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT se.study_pk, j.state, COUNT(*) FROM jobs j "
                + "JOIN instances i ON i.pk = j.instance_pk JOIN series se ON se.pk = i.series_pk "
                + "WHERE se.study_pk IN " + in + " AND j.kind = 'analyze' GROUP BY se.study_pk, j.state")) {
            bind(s, pks);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getLong(1), k -> new LinkedHashMap<>()).put(r.getString(2), r.getLong(3));
                }
            }
        }
        return out;
    }

    private static Map<Long, List<String>> reviewers(Connection c, String in, List<Object> pks) throws SQLException {
        Map<Long, List<String>> out = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT se.study_pk, u.display_name FROM feedback f "
                + "JOIN users u ON u.pk = f.user_pk JOIN instances i ON i.pk = f.instance_pk "
                + "JOIN series se ON se.pk = i.series_pk WHERE se.study_pk IN " + in + " AND f.withdrawn_at IS NULL "
                + "ORDER BY se.study_pk, u.display_name")) {
            bind(s, pks);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.computeIfAbsent(r.getLong(1), k -> new ArrayList<>()).add(r.getString(2));
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }
}
