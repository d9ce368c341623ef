package org.pleura.results.dicom;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.List;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.UID;
import org.pleura.dicom.VR;
import org.pleura.dicom.WriteOptions;

/**
 * The overlay picture as a DICOM Secondary Capture Image (RGB, 8 bits, explicit VR little endian): a new instance
 * in the source's study, in a new series described as {@value #SERIES_DESCRIPTION}, with the patient and study
 * copied, Image Type {@code DERIVED\SECONDARY}, Conversion Type {@code WSD}, Burned In Annotation {@code YES}, a
 * Source Image Sequence referencing the source image, and the software and model stamped (Manufacturer, Software
 * Versions, Secondary Capture Device, Derivation Description).
 *
 * <pre>{@code
 * byte[] sc = new SecondaryCaptureWriter().write(source, overlay.image(), producer, uids.scSeries(), uids.scInstance());
 * }</pre>
 *
 * Thread-safe (no state).
 */
public final class SecondaryCaptureWriter {

    /** The series description of every Pleura Secondary Capture. */
    public static final String SERIES_DESCRIPTION = "Pleura AI overlay (not for diagnosis)";
    /** The series number of Pleura Secondary Captures. */
    public static final int SERIES_NUMBER = 9901;

    private static final Tag IMAGE_COMMENTS = Tag.forKeyword("ImageComments");
    private static final Tag LATERALITY = Tag.forKeyword("Laterality");
    private static final Tag DATE_OF_SC = Tag.forKeyword("DateOfSecondaryCapture");
    private static final Tag TIME_OF_SC = Tag.forKeyword("TimeOfSecondaryCapture");
    private static final Tag SC_MANUFACTURER = Tag.forKeyword("SecondaryCaptureDeviceManufacturer");
    private static final Tag SC_MODEL = Tag.forKeyword("SecondaryCaptureDeviceManufacturerModelName");
    private static final Tag SC_SOFTWARE = Tag.forKeyword("SecondaryCaptureDeviceSoftwareVersions");

    /** The data set of the Secondary Capture of an RGB picture. */
    public DicomObject build(SourceImage source, BufferedImage picture, Producer producer, String seriesUid,
                             String instanceUid) {
        ZonedDateTime now = ZonedDateTime.now();
        String study = source.resultStudyUid();
        DicomObject.Builder b = CommonAttributes.start(source, study, UID.SECONDARY_CAPTURE_IMAGE_STORAGE,
                instanceUid, "OT", seriesUid, SERIES_NUMBER, SERIES_DESCRIPTION, producer, now);
        b.putString(Tag.ConversionType, "WSD");
        b.putString(SC_MANUFACTURER, producer.manufacturer());
        b.putString(SC_MODEL, producer.algorithmName());
        b.putString(SC_SOFTWARE, producer.softwareVersions());
        b.putString(DATE_OF_SC, CommonAttributes.DA.format(now));
        b.putString(TIME_OF_SC, CommonAttributes.TM.format(now));
        b.putString(Tag.ImageType, "DERIVED", "SECONDARY");
        b.putString(Tag.DerivationDescription, "AI findings of " + producer.algorithmName() + " "
                + producer.model().version() + " drawn over the source radiograph; an aid, not a diagnosis");
        b.putString(Tag.BurnedInAnnotation, "YES");
        b.putString(IMAGE_COMMENTS, "AI aid, not a diagnosis: every result must be checked by a qualified reader.");
        List<String> orientation = source.header().contains(Tag.PatientOrientation)
                ? source.header().getStrings(Tag.PatientOrientation) : List.of();
        b.putString(Tag.PatientOrientation, orientation.size() == 2 ? String.join("\\", orientation) : "");
        String bodyPart = source.header().getString(Tag.BodyPartExamined, "").trim();
        String laterality = source.header().getString(LATERALITY, "").trim();
        if (!bodyPart.isEmpty()) {
            b.putString(Tag.BodyPartExamined, bodyPart);
        }
        if (bodyPart.isEmpty() || !laterality.isEmpty()) {
            // Type 2C: required for paired body parts, and when the body part is unknown
            b.putString(LATERALITY, laterality);
        }
        if (source.lossy()) {
            b.putString(Tag.LossyImageCompression, "01");
        } else {
            b.putString(Tag.LossyImageCompression, "00");
        }
        if (source.referenceable()) {
            DicomObject ref = source.reference().toBuilder()
                    .putSequence(Tag.PurposeOfReferenceCodeSequence, Codes.item(Codes.SOURCE_FOR_PROCESSING)).build();
            b.putSequence(Tag.SourceImageSequence, ref);
        }
        int w = picture.getWidth();
        int h = picture.getHeight();
        b.putInt(Tag.SamplesPerPixel, 3);
        b.putString(Tag.PhotometricInterpretation, "RGB");
        b.putInt(Tag.PlanarConfiguration, 0);
        b.putInt(Tag.Rows, h);
        b.putInt(Tag.Columns, w);
        b.putInt(Tag.BitsAllocated, 8);
        b.putInt(Tag.BitsStored, 8);
        b.putInt(Tag.HighBit, 7);
        b.putInt(Tag.PixelRepresentation, 0);
        b.putBytes(Tag.PixelData, VR.OB, rgbBytes(picture));
        return b.build();
    }

    /** The Secondary Capture as a Part 10 file. */
    public byte[] write(SourceImage source, BufferedImage picture, Producer producer, String seriesUid,
                        String instanceUid) {
        DicomObject ds = build(source, picture, producer, seriesUid, instanceUid);
        ByteArrayOutputStream out = new ByteArrayOutputStream(picture.getWidth() * picture.getHeight() * 3 + 4096);
        try {
            DicomWriter.write(out, DicomObject.empty(), ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                    WriteOptions.DEFAULT);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the secondary capture: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Interleaved R, G, B bytes, padded to an even length. */
    static byte[] rgbBytes(BufferedImage picture) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        int[] px = picture.getType() == BufferedImage.TYPE_INT_RGB
                ? ((java.awt.image.DataBufferInt) picture.getRaster().getDataBuffer()).getData()
                : picture.getRGB(0, 0, w, h, null, 0, w);
        int n = w * h * 3;
        byte[] out = new byte[n + (n & 1)];
        for (int i = 0, o = 0; i < w * h; i++, o += 3) {
            int p = px[i];
            out[o] = (byte) (p >> 16);
            out[o + 1] = (byte) (p >> 8);
            out[o + 2] = (byte) p;
        }
        return out;
    }
}
