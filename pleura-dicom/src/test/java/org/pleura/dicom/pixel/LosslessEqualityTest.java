package org.pleura.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pleura.dicom.Corpus;
import org.pleura.dicom.DicomFile;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomReader;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.ReferenceTools;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.UID;
import org.pleura.dicom.VR;

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

    @TempDir
    Path tmp;

    @Test
    void rgbRleFromDcmcrleIn8And16Bits() throws IOException {
        Path rgb8 = tmp.resolve("rgb8.dcm");
        ReferenceTools.Result c = ReferenceTools.run("dcmconv", "+te",
                Corpus.file("real_original/pydicom-data/SC_rgb_expb.dcm").toString(), rgb8.toString());
        assertEquals(0, c.exitCode(), c.err());
        int rows = 23;
        int cols = 31;
        byte[] px = new byte[rows * cols * 3 * 2];
        new Random(7).nextBytes(px);
        DicomObject rgb16 = DicomObject.builder()
                .putString(Tag.SOPClassUID, UID.SECONDARY_CAPTURE_IMAGE_STORAGE).putString(Tag.SOPInstanceUID, UID.generate())
                .putInt(Tag.SamplesPerPixel, 3).putString(Tag.PhotometricInterpretation, "RGB").putInt(Tag.PlanarConfiguration, 0)
                .putInt(Tag.Rows, rows).putInt(Tag.Columns, cols).putInt(Tag.BitsAllocated, 16).putInt(Tag.BitsStored, 16)
                .putInt(Tag.HighBit, 15).putInt(Tag.PixelRepresentation, 0).putBytes(Tag.PixelData, VR.OW, px).build();
        Path native16 = tmp.resolve("rgb16.dcm");
        DicomWriter.write(native16, rgb16, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        for (Path in : new Path[] {rgb8, native16}) {
            Path rle = tmp.resolve("rle-" + in.getFileName());
            ReferenceTools.Result r = ReferenceTools.run("dcmcrle", in.toString(), rle.toString());
            assertEquals(0, r.exitCode(), r.err());
            DicomFile a = DicomReader.read(in);
            DicomFile b = DicomReader.read(rle);
            assertEquals(TransferSyntax.RLE_LOSSLESS, b.transferSyntax());
            assertArrayEquals(PixelData.decodeFrame(a, 0), PixelData.decodeFrame(b, 0), in.getFileName().toString());
        }
    }
}
