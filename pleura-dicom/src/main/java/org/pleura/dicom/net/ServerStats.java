package org.pleura.dicom.net;

/**
 * Counters of a {@link DicomServer} since it started, for health pages and metrics.
 *
 * @param activeAssociations   associations being served now
 * @param acceptedAssociations associations accepted
 * @param rejectedAssociations associations rejected (AE titles, limit, protocol version...)
 * @param abortedAssociations  associations that ended by an abort, a timeout or a lost connection
 * @param objectsStored        C-STORE requests answered with success or warning
 * @param objectsFailed        C-STORE requests answered with a failure status
 * @param bytesReceived        data set bytes received in C-STORE requests
 */
public record ServerStats(int activeAssociations, long acceptedAssociations, long rejectedAssociations,
                          long abortedAssociations, long objectsStored, long objectsFailed, long bytesReceived) {
}
