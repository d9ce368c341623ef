package org.pleura.server.analysis;

import org.pleura.model.ModelInfo;
import org.pleura.server.store.Uids;

/**
 * The UIDs of the result objects of one source image and one model, derived from the source's SOP Instance UID
 * and the model's id and version (name-based 2.25 UIDs). One SC series and one SR series per study and model hold
 * the results of all its images.
 *
 * @param scSeriesUid series of the secondary capture (overlay picture)
 * @param scSopUid    SOP Instance UID of the secondary capture
 * @param srSeriesUid series of the structured report
 * @param srSopUid    SOP Instance UID of the structured report
 */
public record ResultUids(String scSeriesUid, String scSopUid, String srSeriesUid, String srSopUid) {

    /** The UIDs for a source image in a study, read by a model. */
    public static ResultUids of(String studyUid, String sourceSopUid, ModelInfo model) {
        String m = model.id() + "/" + model.version();
        return new ResultUids(Uids.nameBased("sc-series:" + studyUid + ":" + m),
                Uids.nameBased("sc:" + sourceSopUid + ":" + m),
                Uids.nameBased("sr-series:" + studyUid + ":" + m),
                Uids.nameBased("sr:" + sourceSopUid + ":" + m));
    }
}
