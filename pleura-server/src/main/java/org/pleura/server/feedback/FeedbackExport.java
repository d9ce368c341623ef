package org.pleura.server.feedback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.pleura.image.GrayImage;
import org.pleura.image.RadiographReader;
import org.pleura.server.auth.Secrets;
import org.pleura.server.db.Database;
import org.pleura.server.db.SettingsTable;

/**
 * Writes radiologists' feedback as a training set that {@code pleura train --manifest} reads directly
 * (docs/formats.md):
 * <ul>
 *   <li>{@code manifest.csv}: {@code path,patient_id,source} then one column per finding id (catalogue order),
 *       with {@code 1}, {@code 0} or empty (unknown) from {@link LabelRule};</li>
 *   <li>{@code boxes.csv}: {@code path,finding,x,y,w,h}, the boxes of added findings, in pixels of the image;</li>
 *   <li>{@code images/NAME.png}: each image, display-ready 8-bit grayscale (its default window), the same size as
 *       the stored image so the boxes fit.</li>
 * </ul>
 * Nothing identifies a patient: file names and {@code patient_id} are keyed hashes (HMAC-SHA256 with a key kept
 * in the database), stable from one export to the next so that splits by patient stay consistent, and the PNG
 * files carry no DICOM header.
 */
public final class FeedbackExport {

    private final Database db;
    private final Path dataRoot;
    private final List<String> findingOrder;
    private final byte[] pseudonymKey;

    /**
     * @param db           the database with the feedback
     * @param dataRoot     the data directory (stored files are relative to it)
     * @param findingOrder label columns in this order (the model's catalogue); other ids met follow by name
     * @param pseudonymKey key of the keyed hashes
     */
    public FeedbackExport(Database db, Path dataRoot, List<String> findingOrder, byte[] pseudonymKey) {
        this.db = db;
        this.dataRoot = dataRoot.toAbsolutePath().normalize();
        this.findingOrder = List.copyOf(findingOrder);
        this.pseudonymKey = pseudonymKey.clone();
    }

    private record Image(long pk, String sopUid, String filePath, String patientId) {
    }

    /** Settings key of the pseudonym key (32 random bytes, Base64, made at the first export). */
    public static final String PSEUDONYM_KEY = "export.pseudonym-key";

    /**
     * An exporter whose pseudonyms use the key kept in the database's settings (created at the first use), so every
     * export of this database (web page or {@code pleura export-feedback}) names patients and images alike.
     */
    public static FeedbackExport of(Database db, Path dataRoot, List<String> findingOrder, long now) {
        String key = new SettingsTable(db).getOrCreate(PSEUDONYM_KEY,
                () -> Base64.getEncoder().encodeToString(Secrets.bytes(32)), now);
        return new FeedbackExport(db, dataRoot, findingOrder, Base64.getDecoder().decode(key));
    }

    /** Writes the export into {@code sink}. */
    public ExportSummary write(ExportSink sink) throws IOException {
        List<FeedbackItem> live = new FeedbackStore(db).allLive();
        Map<Long, List<FeedbackItem>> byImage = new TreeMap<>();
        Set<String> ids = new LinkedHashSet<>(findingOrder);
        List<String> extra = new ArrayList<>();
        for (FeedbackItem f : live) {
            byImage.computeIfAbsent(f.instancePk(), k -> new ArrayList<>()).add(f);
            if (!ids.contains(f.findingId()) && !extra.contains(f.findingId())) {
                extra.add(f.findingId());
            }
        }
        extra.sort(String::compareTo);
        ids.addAll(extra);
        List<String> columns = new ArrayList<>(ids);

        StringBuilder manifest = new StringBuilder("path,patient_id,source");
        columns.forEach(id -> manifest.append(',').append(id));
        manifest.append('\n');
        StringBuilder boxes = new StringBuilder("path,finding,x,y,w,h\n");
        int images = 0;
        int positives = 0;
        int negatives = 0;
        int conflicts = 0;
        int boxCount = 0;
        List<String> skipped = new ArrayList<>();
        for (Map.Entry<Long, List<FeedbackItem>> e : byImage.entrySet()) {
            Optional<Image> img = image(e.getKey());
            if (img.isEmpty()) {
                skipped.add("image " + e.getKey() + ": no longer stored");
                continue;
            }
            Image im = img.get();
            String name = "images/" + pseudonym("image:" + im.sopUid()) + ".png";
            GrayImage picture;
            byte[] png;
            try {
                picture = display(dataRoot.resolve(im.filePath()).normalize());
                png = png(picture);
            } catch (IOException | RuntimeException x) {
                skipped.add(name + ": the stored image cannot be read (" + x.getMessage() + ")");
                continue;
            }
            Map<String, List<Integer>> labels = new LinkedHashMap<>();
            Map<String, List<Box>> added = new LinkedHashMap<>();
            for (FeedbackItem f : e.getValue()) {
                LabelRule.label(f.kind(), f.modelCall()).ifPresent(l ->
                        labels.computeIfAbsent(f.findingId(), k -> new ArrayList<>()).add(l));
                f.box().ifPresent(b -> added.computeIfAbsent(f.findingId(), k -> new ArrayList<>()).add(b));
            }
            sink.put(name, png);
            images++;
            manifest.append(name).append(',').append(pseudonym("patient:" + im.patientId())).append(",pleura-feedback");
            for (String id : columns) {
                List<Integer> l = labels.getOrDefault(id, List.of());
                Optional<Integer> label = LabelRule.combine(l);
                manifest.append(',');
                if (label.isPresent()) {
                    manifest.append(label.get());
                    if (label.get() == 1) {
                        positives++;
                        for (Box b : added.getOrDefault(id, List.of())) {
                            Box c;
                            try {
                                c = b.clippedTo(picture.width(), picture.height());
                            } catch (IllegalArgumentException outside) {
                                continue;
                            }
                            boxes.append(name).append(',').append(id).append(',').append(num(c.x())).append(',')
                                    .append(num(c.y())).append(',').append(num(c.w())).append(',').append(num(c.h()))
                                    .append('\n');
                            boxCount++;
                        }
                    } else {
                        negatives++;
                    }
                } else if (!l.isEmpty()) {
                    conflicts++;
                }
            }
            manifest.append('\n');
        }
        sink.put("manifest.csv", manifest.toString().getBytes(StandardCharsets.UTF_8));
        sink.put("boxes.csv", boxes.toString().getBytes(StandardCharsets.UTF_8));
        ExportSummary summary = new ExportSummary(images, positives, negatives, conflicts, boxCount, skipped);
        sink.put("README.txt", readme(summary).getBytes(StandardCharsets.UTF_8));
        return summary;
    }

    private Optional<Image> image(long pk) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT i.pk, i.sop_uid, i.file_path, p.patient_id "
                    + "FROM instances i JOIN series se ON se.pk = i.series_pk "
                    + "JOIN studies st ON st.pk = se.study_pk JOIN patients p ON p.pk = st.patient_pk WHERE i.pk = ?")) {
                s.setLong(1, pk);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Image(r.getLong(1), r.getString(2), r.getString(3),
                            r.getString(4))) : Optional.<Image>empty();
                }
            }
        });
    }

    private GrayImage display(Path file) throws IOException {
        if (!file.startsWith(dataRoot)) {
            throw new IOException("stored path leaves the data directory");
        }
        return RadiographReader.read(file).display();
    }

    private static byte[] png(GrayImage display) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(display.toBufferedImage(), "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return out.toByteArray();
    }

    /** A keyed hash of {@code value}: 16 hex digits. */
    String pseudonym(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pseudonymKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String readme(ExportSummary s) {
        return "Pleura feedback export: radiologists' opinions on the model's results, as training labels.\n\n"
                + s.describe() + ".\n\n"
                + "manifest.csv  path,patient_id,source then one column per finding: 1 present, 0 absent, empty unknown\n"
                + "boxes.csv     path,finding,x,y,w,h in pixels of the image (findings readers added as missed)\n"
                + "images/       display-ready 8-bit PNG, no DICOM header; names and patient_id are keyed hashes\n\n"
                + "Labels: added finding -> 1; agree with positive -> 1; disagree with positive -> 0; agree with\n"
                + "negative -> 0; disagree with negative -> 1; doubtful calls -> unknown; readers who contradict\n"
                + "each other -> unknown.\n\n"
                + "Train with: pleura train --manifest manifest.csv --out PKG\n";
    }
}
