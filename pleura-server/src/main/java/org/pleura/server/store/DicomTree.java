package org.pleura.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Writes the DICOM tree (patient, study, series, instance) in the caller's transaction. Parents are found or
 * created; a concurrent transaction creating the same parent makes this one fail with a unique violation, which
 * {@link org.pleura.server.db.Database#transactionRetrying} retries.
 */
public final class DicomTree {

    /** Worklist level of a study with no analysis yet: the routine level (see the worklist package). */
    public static final int UNTRIAGED_LEVEL = 3;

    private DicomTree() {
    }

    /** The instance with this SOP Instance UID, if stored. */
    public static Optional<StoredInstance> find(Connection c, String sopUid) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT i.pk, i.sop_uid, se.series_uid, st.study_uid, "
                + "COALESCE((SELECT j.pk FROM jobs j WHERE j.instance_pk = i.pk AND j.kind = 'analyze'), 0) "
                + "FROM instances i JOIN series se ON se.pk = i.series_pk JOIN studies st ON st.pk = se.study_pk "
                + "WHERE i.sop_uid = ?")) {
            s.setString(1, sopUid);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new StoredInstance(r.getLong(1), r.getString(2), r.getString(3),
                        r.getString(4), r.getLong(5))) : Optional.empty();
            }
        }
    }

    /**
     * Records a stored object and its parents.
     *
     * @param file        path relative to the data directory
     * @param contentType {@code application/dicom}, {@code image/png} or {@code image/jpeg}
     * @param derivedFrom the source instance of a result, or null
     * @return the new instance's key
     */
    public static long insert(Connection c, InstanceAttributes a, String file, long size, String contentType,
                              Origin origin, Long derivedFrom, long now) throws SQLException {
        long patient = patient(c, a);
        long study = study(c, a, patient, now);
        long series = series(c, a, study, now);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO instances (sop_uid, series_pk, sop_class_uid, "
                + "instance_number, transfer_syntax_uid, pixel_rows, pixel_columns, content_type, file_path, file_size, "
                + "channel, sender, received_at, derived_from_pk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, a.sopUid());
            s.setLong(2, series);
            s.setString(3, a.sopClassUid());
            s.setString(4, a.instanceNumber());
            s.setString(5, a.transferSyntaxUid());
            s.setInt(6, a.rows());
            s.setInt(7, a.columns());
            s.setString(8, contentType);
            s.setString(9, file);
            s.setLong(10, size);
            s.setString(11, origin.channel().dbValue());
            s.setString(12, origin.sender());
            s.setLong(13, now);
            if (derivedFrom == null) {
                s.setNull(14, java.sql.Types.BIGINT);
            } else {
                s.setLong(14, derivedFrom);
            }
            s.executeUpdate();
            try (ResultSet r = s.getGeneratedKeys()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static long patient(Connection c, InstanceAttributes a) throws SQLException {
        Optional<Long> pk = key(c, "SELECT pk FROM patients WHERE patient_id = ?", a.patientId());
        if (pk.isPresent()) {
            return pk.get();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO patients (patient_id, patient_name, birth_date, sex) "
                + "VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, a.patientId());
            s.setString(2, a.patientName());
            s.setString(3, a.birthDate());
            s.setString(4, a.sex());
            return insertKey(s);
        }
    }

    private static long study(Connection c, InstanceAttributes a, long patient, long now) throws SQLException {
        Optional<Long> pk = key(c, "SELECT pk FROM studies WHERE study_uid = ?", a.studyUid());
        if (pk.isPresent()) {
            try (PreparedStatement s = c.prepareStatement("UPDATE studies SET updated_at = ? WHERE pk = ?")) {
                s.setLong(1, now);
                s.setLong(2, pk.get());
                s.executeUpdate();
            }
            return pk.get();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO studies (study_uid, patient_pk, study_date, "
                + "study_time, accession_number, study_id, study_description, referring_physician, received_at, "
                + "updated_at, triage_level, triage_findings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '')",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, a.studyUid());
            s.setLong(2, patient);
            s.setString(3, a.studyDate());
            s.setString(4, a.studyTime());
            s.setString(5, a.accessionNumber());
            s.setString(6, a.studyId());
            s.setString(7, a.studyDescription());
            s.setString(8, a.referringPhysician());
            s.setLong(9, now);
            s.setLong(10, now);
            s.setInt(11, UNTRIAGED_LEVEL);
            return insertKey(s);
        }
    }

    private static long series(Connection c, InstanceAttributes a, long study, long now) throws SQLException {
        Optional<Long> pk = key(c, "SELECT pk FROM series WHERE series_uid = ?", a.seriesUid());
        if (pk.isPresent()) {
            return pk.get();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO series (series_uid, study_pk, modality, "
                + "series_number, series_description, body_part, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, a.seriesUid());
            s.setLong(2, study);
            s.setString(3, a.modality());
            s.setString(4, a.seriesNumber());
            s.setString(5, a.seriesDescription());
            s.setString(6, a.bodyPart());
            s.setLong(7, now);
            return insertKey(s);
        }
    }

    private static Optional<Long> key(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    private static long insertKey(PreparedStatement s) throws SQLException {
        s.executeUpdate();
        try (ResultSet r = s.getGeneratedKeys()) {
            r.next();
            return r.getLong(1);
        }
    }
}
