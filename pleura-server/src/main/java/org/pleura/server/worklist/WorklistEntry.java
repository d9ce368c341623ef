package org.pleura.server.worklist;

import java.util.List;
import java.util.Map;

/**
 * One study of the worklist.
 *
 * @param studyPk         database key
 * @param studyUid        Study Instance UID
 * @param patientId       Patient ID
 * @param patientName     Patient's Name (DICOM PN, {@code ^}-separated)
 * @param birthDate       YYYYMMDD or empty
 * @param sex             M, F, O or empty
 * @param studyDate       YYYYMMDD or empty
 * @param studyTime       HHMMSS or empty
 * @param accessionNumber Accession Number
 * @param description     Study Description
 * @param receivedAt      epoch ms of the first object received
 * @param level           worklist level rank (0 most urgent)
 * @param overdue         waited longer than the maximum and not reviewed: shown first
 * @param calls           per finding id with a positive or doubtful call on any image: {@code call} and best
 *                        {@code score}, in catalogue order
 * @param images          analyses by job state ({@code done}, {@code queued}, {@code running}, {@code refused},
 *                        {@code failed})
 * @param reviewers       display names of readers who gave feedback
 */
public record WorklistEntry(long studyPk, String studyUid, String patientId, String patientName, String birthDate,
                            String sex, String studyDate, String studyTime, String accessionNumber,
                            String description, long receivedAt, int level, boolean overdue,
                            List<Call> calls, Map<String, Long> images, List<String> reviewers) {

    /**
     * A finding's strongest call in the study.
     *
     * @param findingId catalogue id
     * @param call      positive or doubtful
     * @param score     the highest score
     */
    public record Call(String findingId, String call, double score) {
    }

    public WorklistEntry {
        calls = List.copyOf(calls);
        images = Map.copyOf(images);
        reviewers = List.copyOf(reviewers);
    }

    /** True once a reader gave feedback on one of its images. */
    public boolean reviewed() {
        return !reviewers.isEmpty();
    }
}
