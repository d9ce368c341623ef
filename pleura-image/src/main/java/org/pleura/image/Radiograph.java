package org.pleura.image;

import java.util.Objects;
import java.util.Optional;
import org.pleura.dicom.DicomObject;
import org.pleura.image.lut.VoiTransform;

/**
 * One radiograph as read from its source: the stored pixel values (one grayscale sample per pixel,
 * signed values already sign-extended), its geometry, how to display it, and what the source says
 * about the patient and the acquisition.
 *
 * <pre>{@code
 * Radiograph r = RadiographReader.read(Path.of("chest.dcm"));
 * GrayImage forModel = r.display().resize(320, 320);
 * }</pre>
 *
 * @param source       the file name or other label used in messages
 * @param columns      width in pixels
 * @param rows         height in pixels
 * @param stored       {@code rows x columns} stored values, row-major
 * @param bitsStored   significant bits of each stored value
 * @param signed       true if stored values are two's complement
 * @param pipeline     how to turn stored values into display values
 * @param spacing      physical pixel size, when the source says
 * @param metadata     acquisition and patient facts
 * @param dicomHeader  the source DICOM attributes without pixel data (for results that copy the
 *                     patient and study modules), empty for PNG and JPEG
 */
public record Radiograph(String source, int columns, int rows, int[] stored, int bitsStored, boolean signed,
                         DisplayPipeline pipeline, Optional<PixelSpacing> spacing, ClinicalMetadata metadata,
                         Optional<DicomObject> dicomHeader) {

    public Radiograph {
        Objects.requireNonNull(source);
        if ((long) columns * rows != stored.length) {
            throw new IllegalArgumentException("stored length " + stored.length + " is not " + columns + "x" + rows);
        }
    }

    /** The picture with its default window (the source's first, or one computed from the pixels). */
    public GrayImage display() {
        return DisplayRenderer.render(this, null);
    }

    /** The picture with a given VOI transform, e.g. one of the source's presets or a user's choice. */
    public GrayImage display(VoiTransform window) {
        return DisplayRenderer.render(this, Objects.requireNonNull(window));
    }

    /** The VOI transform {@link #display()} uses: the source's first window, or one computed from the pixels. */
    public VoiTransform defaultWindow() {
        return pipeline.windows().isEmpty() ? DisplayRenderer.autoWindow(this) : pipeline.windows().get(0);
    }
}
