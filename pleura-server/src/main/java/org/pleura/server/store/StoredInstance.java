package org.pleura.server.store;

/**
 * Identity of a stored object.
 *
 * @param instancePk database key of the instance
 * @param sopUid     SOP Instance UID
 * @param seriesUid  Series Instance UID
 * @param studyUid   Study Instance UID
 * @param jobPk      its analysis job, or 0 when it has none (results, non-image objects)
 */
public record StoredInstance(long instancePk, String sopUid, String seriesUid, String studyUid, long jobPk) {
}
