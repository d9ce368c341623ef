package org.pleura.server.analysis;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One stored image to analyse.
 *
 * @param file        the stored file (Part 10 DICOM, PNG or JPEG)
 * @param contentType {@code application/dicom}, {@code image/png} or {@code image/jpeg}
 * @param imageId     the id written in the analysis (the SOP Instance UID)
 * @param studyUid    the study of the source image
 */
public record AnalysisRequest(Path file, String contentType, String imageId, String studyUid) {

    public AnalysisRequest {
        Objects.requireNonNull(file);
        Objects.requireNonNull(contentType);
        Objects.requireNonNull(imageId);
        Objects.requireNonNull(studyUid);
    }

    /** True for DICOM input (which gets an SC and an SR). */
    public boolean isDicom() {
        return contentType.equals("application/dicom");
    }
}
