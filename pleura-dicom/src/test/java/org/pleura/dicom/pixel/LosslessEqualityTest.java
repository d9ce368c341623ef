package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pleura.dicom.Corpus;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomReader;

/** Native and RLE encodings of the same pixels decode to exactly the same stored values. */
class LosslessEqualityTest {

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({
        "derived_transcodes/CRchest440_MONO1_explicitLE.dcm, real_original/fo-dicom/CR-MONO1-10-chest.dcm",
        "derived_transcodes/CRchest440_MONO1_explicitLE.dcm, derived_transcodes/CRchest440_MONO1_implicitLE.dcm",
        "derived_transcodes/CRchest440_MONO1_explicitLE.dcm, derived_transcodes/CRchest440_MONO1_explicitBE.dcm",
        "derived_transcodes/CRchest440_MONO1_explicitLE.dcm, derived_transcodes/CRchest440_MONO1_Deflated.dcm",
        "derived_transcodes/CRchest440_MONO1_explicitLE.dcm, derived_transcodes/CRchest440_MONO1_RLE.dcm",
        "derived_transcodes/RG1chest_MONO1_15bit_decompressed_explicitLE.dcm, derived_transcodes/RG1chest_MONO1_15bit_RLE.dcm",
        "derived_transcodes/nih_dx/NIHdx_Cardiomegaly_MONO2_8bit_explicitLE.dcm, derived_transcodes/nih_dx/NIHdx_Cardiomegaly_MONO2_8bit_RLE.dcm",
        "derived_transcodes/nih_dx/NIHdx_EffusionMass_MONO2_8bit_explicitLE.dcm, derived_transcodes/nih_dx/NIHdx_EffusionMass_MONO2_8bit_RLE.dcm",
        "derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_explicitLE.dcm, derived_transcodes/nih_dx/NIHdx_Pneumothorax_MONO2_8bit_RLE.dcm",
        "real_original/pydicom-data/emri_small.dcm, real_original/pydicom-data/emri_small_big_endian.dcm",
        "real_original/pydicom-data/emri_small.dcm, real_original/pydicom-data/emri_small_RLE.dcm",
    })
    void sameStoredValues(String reference, String other) throws IOException {
        PixelData a = PixelData.of(DicomReader.read(Corpus.file(reference)));
        PixelData b = PixelData.of(DicomReader.read(Corpus.file(other)));
        assertEquals(a.format(), b.format());
        assertEquals(a.frameCount(), b.frameCount());
        for (int i = 0; i < a.frameCount(); i++) {
            int[] x = a.decodeFrame(i);
            int[] y = b.decodeFrame(i);
            assertEquals(a.format().sampleCount(), x.length);
            assertArrayEquals(x, y, "frame " + i);
        }
    }
}
