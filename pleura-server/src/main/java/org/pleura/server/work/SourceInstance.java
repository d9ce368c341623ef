package org.pleura.server.work;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The stored source image a job is about.
 *
 * @param pk          instance key
 * @param sopUid      SOP Instance UID
 * @param studyUid    Study Instance UID
 * @param studyPk     study key
 * @param filePath    path relative to the data directory
 * @param contentType {@code application/dicom}, {@code image/png} or {@code image/jpeg}
 * @param receivedAt  when it was stored (epoch ms)
 */
record SourceInstance(long pk, String sopUid, String studyUid, long studyPk, String filePath, String contentType,
                      long receivedAt) {

    static Optional<SourceInstance> load(Connection c, long instancePk) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT i.pk, i.sop_uid, st.study_uid, st.pk, i.file_path, "
                + "i.content_type, i.received_at FROM instances i JOIN series se ON se.pk = i.series_pk "
                + "JOIN studies st ON st.pk = se.study_pk WHERE i.pk = ?")) {
            s.setLong(1, instancePk);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new SourceInstance(r.getLong(1), r.getString(2), r.getString(3),
                        r.getLong(4), r.getString(5), r.getString(6), r.getLong(7))) : Optional.empty();
            }
        }
    }
}
