package org.pleura.server.feedback;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pleura.server.db.Database;

/**
 * The {@code feedback} table. The model's call and score are read from the stored result when the opinion is
 * given (the reader's browser is not trusted with them), so every opinion says what it was about.
 *
 * <pre>{@code
 * store.verdict(imagePk, userPk, "pneumothorax", FeedbackKind.AGREE, now);      // or DISAGREE, or null to withdraw
 * store.addMark(imagePk, userPk, "nodule", new Box(120, 340, 60, 55), now);     // a missed finding
 * }</pre>
 */
public final class FeedbackStore {

    private static final String SELECT = "SELECT f.pk, f.instance_pk, u.username, u.display_name, f.finding_id, "
            + "f.kind, f.model_id, f.model_call, f.model_score, f.box_x, f.box_y, f.box_w, f.box_h, f.created_at "
            + "FROM feedback f JOIN users u ON u.pk = f.user_pk";

    /**
     * What the model said about one finding of one image.
     *
     * @param modelId      model id
     * @param modelVersion model version
     * @param call         the call, if the model reads this finding
     * @param score        the score, if the model reads this finding
     */
    public record ModelSaid(String modelId, String modelVersion, Optional<String> call, Optional<Double> score) {
    }

    private final Database db;

    public FeedbackStore(Database db) {
        this.db = db;
    }

    /**
     * Records agreement or disagreement with the call on a finding, withdrawing the reader's earlier opinion on
     * it; {@code kind} null only withdraws.
     *
     * @return the new opinion, or empty when only withdrawn
     * @throws IllegalStateException if the image has no analysis
     */
    public Optional<FeedbackItem> verdict(long instancePk, long userPk, String findingId, FeedbackKind kind,
                                          long now) {
        if (kind == FeedbackKind.ADDED) {
            throw new IllegalArgumentException("use addMark for added findings");
        }
        long pk = db.transaction(c -> {
            ModelSaid said = modelSaid(c, instancePk, findingId);
            try (PreparedStatement s = c.prepareStatement("UPDATE feedback SET withdrawn_at = ? WHERE instance_pk = ? "
                    + "AND user_pk = ? AND finding_id = ? AND kind IN ('agree', 'disagree') AND withdrawn_at IS NULL")) {
                s.setLong(1, now);
                s.setLong(2, instancePk);
                s.setLong(3, userPk);
                s.setString(4, findingId);
                s.executeUpdate();
            }
            return kind == null ? 0L : insert(c, instancePk, userPk, findingId, kind, said, null, now);
        });
        return pk == 0 ? Optional.empty() : find(pk);
    }

    /**
     * Records a finding the model missed, with its box.
     *
     * @throws IllegalStateException if the image has no analysis
     */
    public FeedbackItem addMark(long instancePk, long userPk, String findingId, Box box, long now) {
        long pk = db.transaction(c -> insert(c, instancePk, userPk, findingId, FeedbackKind.ADDED,
                modelSaid(c, instancePk, findingId), box, now));
        return find(pk).orElseThrow();
    }

    /** Withdraws a missed finding the reader added; empty if it is not theirs, not live, or not a mark. */
    public Optional<FeedbackItem> withdrawMark(long id, long userPk, long now) {
        Optional<FeedbackItem> item = find(id);
        boolean done = db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE feedback SET withdrawn_at = ? WHERE pk = ? "
                    + "AND user_pk = ? AND kind = 'added' AND withdrawn_at IS NULL")) {
                s.setLong(1, now);
                s.setLong(2, id);
                s.setLong(3, userPk);
                return s.executeUpdate() == 1;
            }
        });
        return done ? item : Optional.empty();
    }

    /** The live opinions on an image, oldest first. */
    public List<FeedbackItem> live(long instancePk) {
        return db.read(c -> list(c, SELECT + " WHERE f.instance_pk = ? AND f.withdrawn_at IS NULL ORDER BY f.pk",
                List.of(instancePk)));
    }

    /** One opinion by key (live or withdrawn). */
    public Optional<FeedbackItem> find(long id) {
        return db.read(c -> {
            List<FeedbackItem> l = list(c, SELECT + " WHERE f.pk = ?", List.of(id));
            return l.isEmpty() ? Optional.<FeedbackItem>empty() : Optional.of(l.get(0));
        });
    }

    /** Every live opinion, image by image (for export and statistics). */
    public List<FeedbackItem> allLive() {
        return db.read(c -> list(c, SELECT + " WHERE f.withdrawn_at IS NULL ORDER BY f.instance_pk, f.pk", List.of()));
    }

    /** The SOP Instance UID of an image. */
    public Optional<String> sopUid(long instancePk) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT sop_uid FROM instances WHERE pk = ?")) {
                s.setLong(1, instancePk);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** What the stored analysis of an image says about a finding. */
    public Optional<ModelSaid> modelSaid(long instancePk, String findingId) {
        return db.read(c -> {
            try {
                return Optional.of(modelSaid(c, instancePk, findingId));
            } catch (IllegalStateException e) {
                return Optional.empty();
            }
        });
    }

    private static ModelSaid modelSaid(Connection c, long instancePk, String findingId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT r.model_id, r.model_version, rf.finding_call, rf.score "
                + "FROM results r LEFT JOIN result_findings rf ON rf.result_pk = r.pk AND rf.finding_id = ? "
                + "WHERE r.instance_pk = ? AND r.status = 'analysed'")) {
            s.setString(1, findingId);
            s.setLong(2, instancePk);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("this image has no analysis to give feedback on");
                }
                String call = r.getString(3);
                double score = r.getDouble(4);
                boolean none = r.wasNull();
                return new ModelSaid(r.getString(1), r.getString(2), Optional.ofNullable(call),
                        none ? Optional.empty() : Optional.of(score));
            }
        }
    }

    private static long insert(Connection c, long instancePk, long userPk, String findingId, FeedbackKind kind,
                               ModelSaid said, Box box, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO feedback (instance_pk, user_pk, finding_id, kind, "
                + "model_id, model_version, model_call, model_score, box_x, box_y, box_w, box_h, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, instancePk);
            s.setLong(2, userPk);
            s.setString(3, findingId);
            s.setString(4, kind.code());
            s.setString(5, said.modelId());
            s.setString(6, said.modelVersion());
            s.setString(7, said.call().orElse(null));
            if (said.score().isPresent()) {
                s.setDouble(8, said.score().get());
            } else {
                s.setNull(8, Types.DOUBLE);
            }
            for (int i = 0; i < 4; i++) {
                if (box == null) {
                    s.setNull(9 + i, Types.DOUBLE);
                } else {
                    s.setDouble(9 + i, new double[]{box.x(), box.y(), box.w(), box.h()}[i]);
                }
            }
            s.setLong(13, now);
            s.executeUpdate();
            try (ResultSet r = s.getGeneratedKeys()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static List<FeedbackItem> list(Connection c, String sql, List<?> args) throws SQLException {
        List<FeedbackItem> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    double score = r.getDouble(9);
                    Optional<Double> sc = r.wasNull() ? Optional.empty() : Optional.of(score);
                    double bx = r.getDouble(10);
                    Optional<Box> box = r.wasNull() ? Optional.empty()
                            : Optional.of(new Box(bx, r.getDouble(11), r.getDouble(12), r.getDouble(13)));
                    out.add(new FeedbackItem(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4),
                            r.getString(5), FeedbackKind.parse(r.getString(6)).orElseThrow(), r.getString(7),
                            Optional.ofNullable(r.getString(8)), sc, box, r.getLong(14)));
                }
            }
        }
        return out;
    }
}
