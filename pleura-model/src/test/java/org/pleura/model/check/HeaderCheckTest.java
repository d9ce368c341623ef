package org.pleura.model.check;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.ReadOptions;
import org.pleura.dicom.Tag;
import org.pleura.dicom.UID;

class HeaderCheckTest {

    private final HeaderCheck check = new HeaderCheck();

    private static Path corpus() {
        return org.pleura.testsupport.SharedData.data("dicom");
    }

    private static DicomObject header(String relative) throws Exception {
        return DicomReader.read(corpus().resolve(relative), ReadOptions.HEADER_ONLY).dataset();
    }

    private static DicomObject chest(String view, String bodyPart) {
        DicomObject.Builder b = DicomObject.builder().putString(Tag.SOPClassUID, UID.DX_IMAGE_STORAGE_PRESENTATION)
                .putString(Tag.Modality, "DX");
        if (view != null) {
            b.putString(Tag.ViewPosition, view);
        }
        if (bodyPart != null) {
            b.putString(Tag.BodyPartExamined, bodyPart);
        }
        return b.build();
    }

    @Test
    void chestRadiographsOfTheCorpusPass() throws Exception {
        for (String f : new String[] {"real_original/pydicom-data/RG1_J2KI.dcm", "real_original/fo-dicom/CR-MONO1-10-chest.dcm",
                "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_RLE.dcm",
                "real_original/SIIM_1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819.dcm"}) {
            InputVerdict v = check.check(header(f));
            assertFalse(v.refused(), f + ": " + v);
        }
    }

    @Test
    void otherModalitiesAreRefusedWithTheirName() throws Exception {
        assertRefused("real_original/pydicom-data/693_UNCR.dcm", "CT");
        assertRefused("real_original/pydicom-data/MR2_J2KR.dcm", "MR");
        assertRefused("real_original/pydicom-data/emri_small.dcm", "MR");
        assertRefused("real_original/pydicom-data/US1_J2KI.dcm", "ultrasound");
        assertRefused("real_original/pydicom-data/JPEG-LL.dcm", "nuclear medicine");
        assertRefused("real_original/fo-dicom/OutOfBoundsOverlay.dcm", "mammography");
        assertRefused("real_original/pydicom-data/liver_deflate.dcm", "segmentation");
        assertRefused("real_original/pydicom-data/RG3_J2KR.dcm", "EXTREMITY");
        assertRefused("real_original/fo-dicom/GH195.dcm", "OT");
    }

    @Test
    void structuredReportIsRefusedAsNotAnImage() {
        DicomObject sr = DicomObject.builder().putString(Tag.SOPClassUID, UID.COMPREHENSIVE_SR_STORAGE)
                .putString(Tag.Modality, "SR").build();
        InputVerdict.Refused r = (InputVerdict.Refused) check.check(sr);
        assertTrue(r.reason().contains("Structured Report"), r.reason());
        assertEquals(InputVerdict.Kind.HEADER, r.kind());
    }

    @Test
    void lateralAndDecubitusViewsAreRefusedFrontalPass() {
        assertTrue(check.check(chest("LL", "CHEST")).refused());
        assertTrue(check.check(chest("RL", null)).refused());
        assertTrue(check.check(chest("LLD", "CHEST")).refused());
        assertTrue(((InputVerdict.Refused) check.check(chest("LATERAL", "CHEST"))).reason().contains("lateral"));
        assertFalse(check.check(chest("PA", "CHEST")).refused());
        assertFalse(check.check(chest("AP", "THORAX")).refused());
        assertFalse(check.check(chest(null, null)).refused(), "absent view and body part: the image checks decide");
        assertFalse(check.check(chest("", "LUNG")).refused());
        assertTrue(check.check(chest("PA", "ABDOMEN")).refused());
    }

    @Test
    void missingModalityIsAWarningNotARefusal() {
        DicomObject noModality = DicomObject.builder().putString(Tag.SOPClassUID, UID.SECONDARY_CAPTURE_IMAGE_STORAGE).build();
        InputVerdict v = check.check(noModality);
        assertFalse(v.refused());
        assertEquals(1, v.warnings().size());
    }

    @Test
    void multiFrameIsRefused() {
        DicomObject mf = chest("PA", "CHEST").toBuilder().putString(Tag.NumberOfFrames, "3").build();
        assertTrue(((InputVerdict.Refused) check.check(mf)).reason().contains("3 frames"));
    }

    private void assertRefused(String file, String word) throws Exception {
        InputVerdict v = check.check(header(file));
        assertTrue(v instanceof InputVerdict.Refused, file + " should be refused");
        String reason = ((InputVerdict.Refused) v).reason();
        assertTrue(reason.contains(word), file + ": '" + reason + "' should name " + word);
    }
}
