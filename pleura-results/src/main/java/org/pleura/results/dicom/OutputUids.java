package org.pleura.results.dicom;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.pleura.dicom.UID;
import org.pleura.model.result.ModelInfo;

/**
 * The UIDs of the result objects of one source image: the Secondary Capture's series and instance and the
 * Structured Report's series and instance. {@link #derived} makes them from the source and the model (name-based
 * 2.25 UIDs), so analysing the same image again with the same model gives the same UIDs and a result sent again
 * replaces the earlier copy at the PACS; one SC series and one SR series per study and model hold the results of
 * all its images.
 *
 * @param scSeries   Series Instance UID of the Secondary Capture
 * @param scInstance SOP Instance UID of the Secondary Capture
 * @param srSeries   Series Instance UID of the Structured Report
 * @param srInstance SOP Instance UID of the Structured Report
 */
public record OutputUids(String scSeries, String scInstance, String srSeries, String srInstance) {

    public OutputUids {
        for (String u : new String[] {scSeries, scInstance, srSeries, srInstance}) {
            if (!UID.isValid(u)) {
                throw new IllegalArgumentException("not a valid UID: " + u);
            }
        }
    }

    /** The UIDs for a source image of a study read by a model. */
    public static OutputUids derived(String studyUid, String sourceSopUid, ModelInfo model) {
        String m = model.id() + "/" + model.version();
        return new OutputUids(nameBased("pleura-sc-series:" + studyUid + ":" + m),
                nameBased("pleura-sc:" + sourceSopUid + ":" + m),
                nameBased("pleura-sr-series:" + studyUid + ":" + m),
                nameBased("pleura-sr:" + sourceSopUid + ":" + m));
    }

    /** Fresh random UIDs. */
    public static OutputUids random() {
        return new OutputUids(UID.generate(), UID.generate(), UID.generate(), UID.generate());
    }

    /** A name-based (MD5, RFC 4122 version 3) UUID as a 2.25 UID. */
    public static String nameBased(String name) {
        return UID.fromUuid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }
}
