package org.pleura.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.pleura.server.db.Database;

/** Read-only queries behind the REST API, DICOMweb and FHIR (the worklist's own are in {@code worklist.Worklist}). */
public final class Queries {

    private static final String STUDY_COLUMNS = "st.pk, st.study_uid, p.patient_id, p.patient_name, p.birth_date, "
            + "p.sex, st.study_date, st.study_time, st.accession_number, st.study_id, st.study_description, "
            + "st.referring_physician, st.received_at, st.triage_level, st.triage_findings, "
            + "(SELECT COUNT(*) FROM series se WHERE se.study_pk = st.pk), "
            + "(SELECT COUNT(*) FROM instances i JOIN series se ON se.pk = i.series_pk WHERE se.study_pk = st.pk)";
    private static final String INSTANCE_COLUMNS = "i.pk, i.sop_uid, se.series_uid, st.study_uid, i.sop_class_uid, "
            + "i.instance_number, i.transfer_syntax_uid, i.pixel_rows, i.pixel_columns, i.content_type, i.file_path, "
            + "i.file_size, i.channel, i.sender, i.received_at, COALESCE(i.derived_from_pk, 0)";
    private static final String INSTANCE_FROM = " FROM instances i JOIN series se ON se.pk = i.series_pk "
            + "JOIN studies st ON st.pk = se.study_pk";

    private final Database db;

    public Queries(Database db) {
        this.db = db;
    }

    /** Studies matching a query, most recently received first. */
    public List<Rows.Study> studies(StudyQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        match(where, args, "p.patient_id", q.patientId());
        match(where, args, "st.accession_number", q.accessionNumber());
        if (!q.studyUid().isEmpty()) {
            where.append(" AND st.study_uid = ?");
            args.add(q.studyUid());
        }
        if (!q.studyDateFrom().isEmpty()) {
            where.append(" AND st.study_date <> '' AND st.study_date >= ?");
            args.add(q.studyDateFrom());
        }
        if (!q.studyDateTo().isEmpty()) {
            where.append(" AND st.study_date <> '' AND st.study_date <= ?");
            args.add(q.studyDateTo());
        }
        String sql = "SELECT " + STUDY_COLUMNS + " FROM studies st JOIN patients p ON p.pk = st.patient_pk" + where
                + " ORDER BY st.received_at DESC, st.pk DESC LIMIT ? OFFSET ?";
        args.add(q.limit());
        args.add(q.offset());
        return db.read(c -> withModalities(c, list(c, sql, args, Queries::study)));
    }

    /** One study. */
    public Optional<Rows.Study> study(String studyUid) {
        List<Rows.Study> l = studies(new StudyQuery("", "", "", "", studyUid, 1, 0));
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The studies with these database keys (any order; unknown keys are left out), in one query. */
    public Map<Long, Rows.Study> studiesByKey(List<Long> pks) {
        if (pks.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT " + STUDY_COLUMNS + " FROM studies st JOIN patients p ON p.pk = st.patient_pk "
                + "WHERE st.pk IN (" + "?, ".repeat(pks.size() - 1) + "?)";
        return db.read(c -> {
            Map<Long, Rows.Study> out = new HashMap<>();
            for (Rows.Study s : withModalities(c, list(c, sql, pks, Queries::study))) {
                out.put(s.pk(), s);
            }
            return out;
        });
    }

    /** Analysis progress of a study's images: counts of analyze jobs by state. */
    public Map<String, Long> analysisStates(long studyPk) {
        return db.read(c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT j.state, COUNT(*) FROM jobs j JOIN instances i "
                    + "ON i.pk = j.instance_pk JOIN series se ON se.pk = i.series_pk WHERE se.study_pk = ? "
                    + "AND j.kind = 'analyze' GROUP BY j.state")) {
                s.setLong(1, studyPk);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    /** The series of a study. */
    public List<Rows.Series> seriesOfStudy(String studyUid) {
        return db.read(c -> list(c, "SELECT se.pk, se.series_uid, st.study_uid, se.modality, se.series_number, "
                + "se.series_description, se.body_part, se.received_at, (SELECT COUNT(*) FROM instances i "
                + "WHERE i.series_pk = se.pk) FROM series se JOIN studies st ON st.pk = se.study_pk "
                + "WHERE st.study_uid = ? ORDER BY se.received_at, se.pk", List.of(studyUid), Queries::series));
    }

    /** One series. */
    public Optional<Rows.Series> series(String seriesUid) {
        return db.read(c -> first(list(c, "SELECT se.pk, se.series_uid, st.study_uid, se.modality, "
                + "se.series_number, se.series_description, se.body_part, se.received_at, (SELECT COUNT(*) "
                + "FROM instances i WHERE i.series_pk = se.pk) FROM series se JOIN studies st ON st.pk = se.study_pk "
                + "WHERE se.series_uid = ?", List.of(seriesUid), Queries::series)));
    }

    /** The instances of a series. */
    public List<Rows.Instance> instancesOfSeries(String seriesUid) {
        return db.read(c -> list(c, "SELECT " + INSTANCE_COLUMNS + INSTANCE_FROM + " WHERE se.series_uid = ? "
                + "ORDER BY i.received_at, i.pk", List.of(seriesUid), Queries::instance));
    }

    /** The instances of a study. */
    public List<Rows.Instance> instancesOfStudy(String studyUid) {
        return db.read(c -> list(c, "SELECT " + INSTANCE_COLUMNS + INSTANCE_FROM + " WHERE st.study_uid = ? "
                + "ORDER BY se.received_at, se.pk, i.received_at, i.pk", List.of(studyUid), Queries::instance));
    }

    /** One instance. */
    public Optional<Rows.Instance> instance(String sopUid) {
        return db.read(c -> first(list(c, "SELECT " + INSTANCE_COLUMNS + INSTANCE_FROM + " WHERE i.sop_uid = ?",
                List.of(sopUid), Queries::instance)));
    }

    /** The analysis of an instance, if any. */
    public Optional<Rows.Result> result(long instancePk) {
        return db.read(c -> first(list(c, "SELECT r.pk, r.instance_pk, r.model_id, r.model_version, r.status, "
                + "r.abnormal_score, r.abnormal_call, r.triage_level, r.summary, r.json_path, r.overlay_path, "
                + "sc.sop_uid, sc.file_path, sr.sop_uid, sr.file_path, r.analysed_at FROM results r "
                + "LEFT JOIN instances sc ON sc.pk = r.sc_instance_pk LEFT JOIN instances sr ON sr.pk = r.sr_instance_pk "
                + "WHERE r.instance_pk = ?", List.of(instancePk), r -> new Rows.Result(r.getLong(1), r.getLong(2),
                r.getString(3), r.getString(4), r.getString(5), (Double) r.getObject(6, Double.class), r.getString(7),
                r.getInt(8), r.getString(9), r.getString(10), r.getString(11), r.getString(12), r.getString(13),
                r.getString(14), r.getString(15), r.getLong(16)))));
    }

    /** Per finding of a result: id, score and call, in the order recorded. */
    public List<String[]> resultFindings(long resultPk) {
        return db.read(c -> list(c, "SELECT finding_id, score, finding_call FROM result_findings WHERE result_pk = ?",
                List.of(resultPk), r -> new String[]{r.getString(1), Double.toString(r.getDouble(2)), r.getString(3)}));
    }

    /** The jobs of an instance. */
    public List<Rows.Job> jobsOf(long instancePk) {
        return db.read(c -> list(c, JOB_SELECT + " WHERE j.instance_pk = ? ORDER BY j.pk", List.of(instancePk),
                Queries::job));
    }

    /** Jobs by state and kind (either "" for any), most recently updated first. */
    public List<Rows.Job> jobs(String state, String kind, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!state.isEmpty()) {
            where.append(" AND j.state = ?");
            args.add(state);
        }
        if (!kind.isEmpty()) {
            where.append(" AND j.kind = ?");
            args.add(kind);
        }
        args.add(limit);
        args.add(offset);
        return db.read(c -> list(c, JOB_SELECT + where + " ORDER BY j.updated_at DESC, j.pk DESC LIMIT ? OFFSET ?",
                args, Queries::job));
    }

    /** One job. */
    public Optional<Rows.Job> job(long pk) {
        return db.read(c -> first(list(c, JOB_SELECT + " WHERE j.pk = ?", List.of(pk), Queries::job)));
    }

    private static final String JOB_SELECT = "SELECT j.pk, j.kind, j.instance_pk, i.sop_uid, j.destination, j.state, "
            + "j.attempts, j.next_attempt_at, j.created_at, j.updated_at, j.finished_at, j.last_error FROM jobs j "
            + "JOIN instances i ON i.pk = j.instance_pk";

    // ---------------------------------------------------------------- mapping

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet r) throws SQLException;
    }

    private static <T> List<T> list(Connection c, String sql, List<?> args, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (r.next()) {
                    out.add(mapper.map(r));
                }
                return out;
            }
        }
    }

    private static <T> Optional<T> first(List<T> l) {
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Adds {@code AND column = ?} or, with * or ? wildcards, {@code AND column LIKE ? ESCAPE '!'}. */
    private static void match(StringBuilder where, List<Object> args, String column, String value) {
        if (value.isEmpty() || value.equals("*")) {
            return;
        }
        if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
            String like = value.replace("!", "!!").replace("%", "!%").replace("_", "!_").replace('*', '%')
                    .replace('?', '_');
            where.append(" AND ").append(column).append(" LIKE ? ESCAPE '!'");
            args.add(like);
        } else {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private static Rows.Study study(ResultSet r) throws SQLException {
        return new Rows.Study(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10), r.getString(11),
                r.getString(12), r.getLong(13), r.getInt(14), r.getString(15), r.getInt(16), r.getInt(17), List.of());
    }

    private static List<Rows.Study> withModalities(Connection c, List<Rows.Study> studies) throws SQLException {
        if (studies.isEmpty()) {
            return studies;
        }
        StringBuilder in = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (Rows.Study s : studies) {
            in.append(in.length() == 0 ? "?" : ", ?");
            args.add(s.pk());
        }
        Map<Long, TreeSet<String>> mods = new HashMap<>();
        for (String[] row : list(c, "SELECT DISTINCT study_pk, modality FROM series WHERE study_pk IN (" + in + ")",
                args, r -> new String[]{Long.toString(r.getLong(1)), r.getString(2)})) {
            if (!row[1].isEmpty()) {
                mods.computeIfAbsent(Long.parseLong(row[0]), k -> new TreeSet<>()).add(row[1]);
            }
        }
        List<Rows.Study> out = new ArrayList<>(studies.size());
        for (Rows.Study s : studies) {
            out.add(new Rows.Study(s.pk(), s.studyUid(), s.patientId(), s.patientName(), s.birthDate(), s.sex(),
                    s.studyDate(), s.studyTime(), s.accessionNumber(), s.studyId(), s.description(),
                    s.referringPhysician(), s.receivedAt(), s.triageLevel(), s.triageFindings(), s.seriesCount(),
                    s.instanceCount(), List.copyOf(mods.getOrDefault(s.pk(), new TreeSet<>()))));
        }
        return out;
    }

    private static Rows.Series series(ResultSet r) throws SQLException {
        return new Rows.Series(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getLong(8), r.getInt(9));
    }

    private static Rows.Instance instance(ResultSet r) throws SQLException {
        return new Rows.Instance(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                r.getString(6), r.getString(7), r.getInt(8), r.getInt(9), r.getString(10), r.getString(11),
                r.getLong(12), r.getString(13), r.getString(14), r.getLong(15), r.getLong(16));
    }

    private static Rows.Job job(ResultSet r) throws SQLException {
        long finished = r.getLong(11);
        Long fin = r.wasNull() ? null : finished;
        return new Rows.Job(r.getLong(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5),
                r.getString(6), r.getInt(7), r.getLong(8), r.getLong(9), r.getLong(10), fin, r.getString(12));
    }
}
