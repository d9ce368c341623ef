package org.pleura.batch.rows;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a batch learnt about one image: its outcome row and, when analysed, its finding rows.
 *
 * @param key              what makes the image the same image in a re-run: {@code sop:UID} for DICOM with a SOP
 *                         Instance UID, {@code sha256:HEX} of the file's bytes otherwise
 * @param file             the file read (a local path, or a URI on another file system)
 * @param format           {@code DICOM}, {@code PNG} or {@code JPEG} ({@code UNKNOWN} when unreadable)
 * @param studyUid         Study Instance UID (DICOM), or null
 * @param seriesUid        Series Instance UID (DICOM), or null
 * @param sopUid           SOP Instance UID (DICOM), or null
 * @param patientPseudonym the patient id (DICOM Patient ID, or a manifest's {@code patient_id}) under the output's
 *                         HMAC-SHA256 key, or null when there is none
 * @param studyDate        Study Date (DICOM) or a manifest's {@code study_date}, as given, or null
 * @param status           analysed, refused or failed
 * @param reason           why it was refused or failed, null when analysed
 * @param retryable        a failure a re-run may cure (an engine or memory problem, not a bad file)
 * @param models           the ids of the models that read it (empty unless analysed)
 * @param analysedAt       when the image was analysed (from the job's clock)
 * @param findings         one row per model and finding (empty unless analysed)
 */
public record ImageResult(String key, String file, String format, String studyUid, String seriesUid, String sopUid,
                          String patientPseudonym, String studyDate, OutcomeStatus status, String reason,
                          boolean retryable, List<String> models, Instant analysedAt, List<FindingRow> findings)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public ImageResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(analysedAt, "analysedAt");
        models = List.copyOf(models);
        findings = List.copyOf(findings);
        if (status != OutcomeStatus.ANALYSED && !findings.isEmpty()) {
            throw new IllegalArgumentException(file + ": only an analysed image has findings");
        }
    }

    /**
     * Of two files that are the same image (the same key: one SOP Instance UID sent twice, or transcoded), the one
     * kept: the best outcome (analysed, then refused, then failed: a truncated copy never hides a good one), then the
     * first by path, so that the choice never depends on the order in which executors finish.
     */
    public static ImageResult preferred(ImageResult a, ImageResult b) {
        int byStatus = Integer.compare(a.status.ordinal(), b.status.ordinal());
        if (byStatus != 0) {
            return byStatus < 0 ? a : b;
        }
        return a.file.compareTo(b.file) <= 0 ? a : b;
    }
}
