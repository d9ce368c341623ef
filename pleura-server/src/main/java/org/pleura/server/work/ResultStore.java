package org.pleura.server.work;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pleura.dicom.DicomException;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.net.DicomNode;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.FindingResult;
import org.pleura.server.analysis.ResultFiles;
import org.pleura.server.db.Database;
import org.pleura.server.queue.Job;
import org.pleura.server.queue.JobKind;
import org.pleura.server.queue.JobQueue;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.store.DicomTree;
import org.pleura.server.store.HeatMapFile;
import org.pleura.server.store.Ingest;
import org.pleura.server.store.InstanceAttributes;
import org.pleura.server.store.Origin;
import org.pleura.server.worklist.TriageLevel;

/**
 * Stores the artefacts of an analysis in {@code results/.../UID/} and records them: the SC and SR as instances of
 * the source's study (derived from it), the results row and one row per finding, the study's worklist level, the
 * completion of the analysis job and one route job per destination, all in one transaction. Files are written
 * first (durably); a crash before the commit leaves files that the repeated analysis overwrites with the same
 * content and UIDs.
 */
final class ResultStore {

    static final String JSON = "analysis.json";
    static final String OVERLAY = "overlay.png";
    static final String SC = "sc.dcm";
    static final String SR = "sr.dcm";

    private final DataDirectory dir;
    private final Database db;
    private final List<DicomNode> routes;
    private final Clock clock;

    ResultStore(DataDirectory dir, Database db, List<DicomNode> routes, Clock clock) {
        this.clock = clock;
        this.dir = dir;
        this.db = db;
        this.routes = List.copyOf(routes);
    }

    /** Thrown inside the transaction when the job's lease was lost: everything is rolled back. */
    static final class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LeaseLost() {
            super("the job was taken over (lease lost)", null, false, false);
        }
    }

    /**
     * Records an analysed image.
     *
     * @return the route jobs created, or -1 when the lease was lost (nothing recorded)
     */
    int recordAnalysed(Job job, SourceInstance src, Analysis analysis, ResultFiles art) throws IOException {
        Files files = write(src, art);
        TriageLevel.Triage triage = TriageLevel.of(analysis);
        long now = clock.millis();
        try {
            return db.transactionRetrying(3, c -> {
                Long sc = files.sc == null ? null : derived(c, files.sc, files.scPath, src, now);
                Long sr = files.sr == null ? null : derived(c, files.sr, files.srPath, src, now);
                long result = insertResult(c, src, analysis.model().id(), analysis.model().version(), "analysed",
                        analysis.abnormal(), triage, files, sc, sr, now);
                for (FindingResult f : analysis.results()) {
                    insertFinding(c, result, f);
                }
                updateStudyTriage(c, src.studyPk());
                if (!JobQueue.complete(c, job, now)) {
                    throw new LeaseLost();
                }
                int created = 0;
                if (sc != null || sr != null) {
                    for (DicomNode route : routes) {
                        JobQueue.enqueueOrRequeue(c, JobKind.ROUTE, src.pk(), route.toString(), now);
                        created++;
                    }
                }
                return created;
            });
        } catch (LeaseLost e) {
            return -1;
        }
    }

    /** Records an image the input checks refused (with the JSON saying why, when there is one). */
    void recordRefused(SourceInstance src, String modelId, String modelVersion, String reason, ResultFiles art)
            throws IOException {
        Files files = write(src, art);
        long now = clock.millis();
        db.transactionRetrying(3, c -> {
            insertResult(c, src, modelId, modelVersion, "refused", null,
                    new TriageLevel.Triage(TriageLevel.ROUTINE, List.of()), files, null, null, now, reason);
            updateStudyTriage(c, src.studyPk());
            return null;
        });
    }

    private static final class Files {
        String json;
        String overlay;
        InstanceAttributes sc;
        String scPath;
        InstanceAttributes sr;
        String srPath;
    }

    private Files write(SourceInstance src, ResultFiles art) throws IOException {
        String base = DataDirectory.resultsPath(src.sopUid()) + "/";
        Files f = new Files();
        if (art.json().isPresent()) {
            f.json = base + JSON;
            dir.write(f.json, art.json().get());
        }
        if (art.overlay().isPresent()) {
            f.overlay = base + OVERLAY;
            dir.write(f.overlay, art.overlay().get());
        }
        if (!art.heatMaps().isEmpty()) {
            dir.write(base + HeatMapFile.NAME, HeatMapFile.encode(art.heatMaps()));
        }
        if (art.sc().isPresent()) {
            f.sc = attributes(art.sc().get(), "secondary capture");
            f.scPath = base + SC;
            dir.write(f.scPath, art.sc().get());
        }
        if (art.sr().isPresent()) {
            f.sr = attributes(art.sr().get(), "structured report");
            f.srPath = base + SR;
            dir.write(f.srPath, art.sr().get());
        }
        return f;
    }

    private static InstanceAttributes attributes(byte[] part10, String what) throws IOException {
        try {
            DicomFile file = DicomReader.read(part10, ReadOptions.HEADER_ONLY);
            InstanceAttributes a = InstanceAttributes.of(file.dataset(), file.transferSyntax().uid());
            String problem = a.identifierProblem();
            if (problem != null) {
                throw new IOException("the " + what + " made by the analysis is unusable: " + problem);
            }
            return a;
        } catch (DicomException e) {
            throw new IOException("the " + what + " made by the analysis is unreadable: " + e.getMessage(), e);
        }
    }

    private Long derived(Connection c, InstanceAttributes a, String path, SourceInstance src, long now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pk FROM instances WHERE sop_uid = ?")) {
            s.setString(1, a.sopUid());
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    long pk = r.getLong(1);
                    try (PreparedStatement u = c.prepareStatement(
                            "UPDATE instances SET file_path = ?, file_size = ? WHERE pk = ?")) {
                        u.setString(1, path);
                        u.setLong(2, fileSize(path));
                        u.setLong(3, pk);
                        u.executeUpdate();
                    }
                    return pk;
                }
            }
        }
        return DicomTree.insert(c, a, path, fileSize(path), Ingest.DICOM, new Origin(Origin.Channel.RESULT,
                "pleura"), src.pk(), now);
    }

    private long fileSize(String relative) {
        try {
            return java.nio.file.Files.size(dir.resolve(relative));
        } catch (IOException e) {
            return 0;
        }
    }

    private static long insertResult(Connection c, SourceInstance src, String modelId, String modelVersion,
                                     String status, FindingResult abnormal, TriageLevel.Triage triage, Files files,
                                     Long sc, Long sr, long now) throws SQLException {
        return insertResult(c, src, modelId, modelVersion, status, abnormal, triage, files, sc, sr, now,
                triage.summary());
    }

    private static long insertResult(Connection c, SourceInstance src, String modelId, String modelVersion,
                                     String status, FindingResult abnormal, TriageLevel.Triage triage, Files files,
                                     Long sc, Long sr, long now, String summary) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM result_findings WHERE result_pk IN "
                + "(SELECT pk FROM results WHERE instance_pk = ?)")) {
            s.setLong(1, src.pk());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM results WHERE instance_pk = ?")) {
            s.setLong(1, src.pk());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO results (instance_pk, model_id, model_version, "
                + "status, abnormal_score, abnormal_call, triage_level, summary, json_path, overlay_path, "
                + "sc_instance_pk, sr_instance_pk, analysed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, src.pk());
            s.setString(2, cut(modelId, 64));
            s.setString(3, cut(modelVersion, 64));
            s.setString(4, status);
            if (abnormal == null) {
                s.setNull(5, java.sql.Types.DOUBLE);
                s.setNull(6, java.sql.Types.VARCHAR);
            } else {
                s.setDouble(5, abnormal.score());
                s.setString(6, abnormal.call().jsonName());
            }
            s.setInt(7, triage.level().rank());
            s.setString(8, cut(summary, 1000));
            s.setString(9, files.json);
            s.setString(10, files.overlay);
            setKey(s, 11, sc);
            setKey(s, 12, sr);
            s.setLong(13, now);
            s.executeUpdate();
            try (ResultSet r = s.getGeneratedKeys()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void insertFinding(Connection c, long result, FindingResult f) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO result_findings (result_pk, finding_id, score, "
                + "finding_call, urgency) VALUES (?, ?, ?, ?, ?)")) {
            s.setLong(1, result);
            s.setString(2, f.finding().id());
            s.setDouble(3, f.score());
            s.setString(4, f.call().jsonName());
            s.setString(5, f.finding().urgency().name().toLowerCase(java.util.Locale.ROOT));
            s.executeUpdate();
        }
    }

    /** The study takes the most urgent level of its analysed images and the findings that set it. */
    static void updateStudyTriage(Connection c, long studyPk) throws SQLException {
        int level = DicomTree.UNTRIAGED_LEVEL;
        Set<String> why = new LinkedHashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT r.triage_level, r.summary FROM results r "
                + "JOIN instances i ON i.pk = r.instance_pk JOIN series se ON se.pk = i.series_pk "
                + "WHERE se.study_pk = ? AND r.status = 'analysed' ORDER BY r.triage_level, r.pk")) {
            s.setLong(1, studyPk);
            try (ResultSet r = s.executeQuery()) {
                List<String> at = new ArrayList<>();
                boolean first = true;
                while (r.next()) {
                    if (first) {
                        level = r.getInt(1);
                        first = false;
                    }
                    if (r.getInt(1) == level && !r.getString(2).isEmpty()) {
                        at.add(r.getString(2));
                    }
                }
                for (String line : at) {
                    for (String part : line.split(", ")) {
                        why.add(part);
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE studies SET triage_level = ?, triage_findings = ? WHERE pk = ?")) {
            s.setInt(1, level);
            s.setString(2, cut(String.join(", ", why), 1000));
            s.setLong(3, studyPk);
            s.executeUpdate();
        }
    }

    private static void setKey(PreparedStatement s, int i, Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, java.sql.Types.BIGINT);
        } else {
            s.setLong(i, v);
        }
    }

    private static String cut(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }

    /** The stored SR and SC files of an analysed instance (SR first), for sending. */
    static List<String> resultFiles(Connection c, long instancePk) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String column : new String[]{"sr_instance_pk", "sc_instance_pk"}) {
            try (PreparedStatement s = c.prepareStatement("SELECT i.file_path FROM results r JOIN instances i "
                    + "ON i.pk = r." + column + " WHERE r.instance_pk = ?")) {
                s.setLong(1, instancePk);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
            }
        }
        return out;
    }
}
