package org.pleura.server.store;

import java.util.List;

/** Rows read back from the database for the APIs (immutable values). */
public final class Rows {

    private Rows() {
    }

    /**
     * A study with its patient and counts.
     *
     * @param triageLevel    worklist level rank (0 most urgent)
     * @param triageFindings the findings that set the level, e.g. "pneumothorax positive"
     * @param modalities     distinct modalities of its series
     */
    public record Study(long pk, String studyUid, String patientId, String patientName, String birthDate, String sex,
                        String studyDate, String studyTime, String accessionNumber, String studyId,
                        String description, String referringPhysician, long receivedAt, int triageLevel,
                        String triageFindings, int seriesCount, int instanceCount, List<String> modalities) {
        public Study {
            modalities = List.copyOf(modalities);
        }
    }

    /** A series and its instance count. */
    public record Series(long pk, String seriesUid, String studyUid, String modality, String seriesNumber,
                         String description, String bodyPart, long receivedAt, int instanceCount) {
    }

    /**
     * A stored object.
     *
     * @param filePath      relative to the data directory
     * @param derivedFromPk the source instance of a result object, or 0
     */
    public record Instance(long pk, String sopUid, String seriesUid, String studyUid, String sopClassUid,
                           String instanceNumber, String transferSyntaxUid, int rows, int columns, String contentType,
                           String filePath, long fileSize, String channel, String sender, long receivedAt,
                           long derivedFromPk) {
    }

    /**
     * The analysis of an instance.
     *
     * @param status       analysed or refused
     * @param summary      findings that set the triage level, or the refusal reason
     * @param jsonPath     relative path of the Analysis JSON, or null
     * @param overlayPath  relative path of the overlay PNG, or null
     * @param scSopUid     SOP Instance UID of the SC, or null
     * @param srSopUid     SOP Instance UID of the SR, or null
     */
    public record Result(long pk, long instancePk, String modelId, String modelVersion, String status,
                         Double abnormalScore, String abnormalCall, int triageLevel, String summary, String jsonPath,
                         String overlayPath, String scSopUid, String scPath, String srSopUid, String srPath,
                         long analysedAt) {
    }

    /** One job. */
    public record Job(long pk, String kind, long instancePk, String sopUid, String destination, String state,
                      int attempts, long nextAttemptAt, long createdAt, long updatedAt, Long finishedAt,
                      String lastError) {
    }
}
