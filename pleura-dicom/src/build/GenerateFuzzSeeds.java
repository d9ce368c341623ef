import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.DicomWriter;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;
import org.pleura.dicom.VR;
import org.pleura.dicom.WriteOptions;

/**
 * Writes the small synthetic seed files of DicomReaderFuzzTest (run by hand from pleura-dicom/,
 * output committed):
 *   java -cp target/classes src/build/GenerateFuzzSeeds.java src/test/resources/org/pleura/dicom/DicomReaderFuzzTestInputs/readDumpAndDecode
 * then the RLE seed: dcmcrle DIR/explicit-le-16bit.dcm DIR/rle-16bit.dcm
 */
public class GenerateFuzzSeeds {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        byte[] px16 = new byte[12 * 10 * 2 * 2];
        for (int i = 0; i < px16.length; i += 2) {
            int v = (i * 37) % 4096 - 2048;
            px16[i] = (byte) v;
            px16[i + 1] = (byte) (v >> 8);
        }
        DicomObject code = DicomObject.builder().putString(Tag.CodeValue, "36118008")
                .putString(Tag.CodingSchemeDesignator, "SCT").putString(Tag.CodeMeaning, "Pneumothorax").build();
        DicomObject nested = DicomObject.builder().putSequence(Tag.ConceptNameCodeSequence, code)
                .putString(Tag.ValueType, "CODE").build();
        DicomObject gray = DicomObject.builder()
                .putString(Tag.SpecificCharacterSet, "ISO_IR 192")
                .putString(Tag.ImageType, "ORIGINAL", "PRIMARY")
                .putString(Tag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7")
                .putString(Tag.SOPInstanceUID, "2.25.1")
                .putString(Tag.Modality, "DX")
                .putString(Tag.PatientName, "M\u00fcller^\u5c71\u7530")
                .putSequence(Tag.ContentSequence, nested, nested)
                .putString(Tag.of(0x0029, 0x0010), VR.LO, "PLEURA SEED")
                .putString(Tag.of(0x0029, 0x1010), VR.DS, "1.5")
                .putInt(Tag.SamplesPerPixel, 1).putString(Tag.PhotometricInterpretation, "MONOCHROME2")
                .putString(Tag.NumberOfFrames, VR.IS, "2")
                .putInt(Tag.Rows, 10).putInt(Tag.Columns, 12)
                .putInt(Tag.BitsAllocated, 16).putInt(Tag.BitsStored, 12).putInt(Tag.HighBit, 11)
                .putInt(Tag.PixelRepresentation, 1)
                .putDouble(Tag.PixelSpacing, 0.139, 0.139)
                .putBytes(Tag.PixelData, VR.OW, px16)
                .build();
        write(dir.resolve("explicit-le-16bit.dcm"), gray, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.DEFAULT);
        write(dir.resolve("explicit-be-undefined-lengths.dcm"), gray, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                WriteOptions.UNDEFINED_LENGTHS);
        write(dir.resolve("deflated.dcm"), gray, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, WriteOptions.DEFAULT);
        // Old NEMA style: a bare implicit VR little endian data set, no preamble, no meta group.
        Files.write(dir.resolve("nema-implicit-le.dcm"),
                DicomWriter.encodeDataset(gray.withoutFileMeta(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        byte[] rgb = new byte[6 * 4 * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (i * 11);
        }
        DicomObject colour = DicomObject.builder()
                .putString(Tag.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7").putString(Tag.SOPInstanceUID, "2.25.2")
                .putInt(Tag.SamplesPerPixel, 3).putString(Tag.PhotometricInterpretation, "RGB")
                .putInt(Tag.PlanarConfiguration, 1)
                .putInt(Tag.Rows, 4).putInt(Tag.Columns, 6)
                .putInt(Tag.BitsAllocated, 8).putInt(Tag.BitsStored, 8).putInt(Tag.HighBit, 7)
                .putInt(Tag.PixelRepresentation, 0)
                .putBytes(Tag.PixelData, VR.OB, rgb).build();
        write(dir.resolve("rgb-planar-be.dcm"), colour, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, WriteOptions.DEFAULT);
        // Encapsulated: 2 frames, 2 fragments each, basic offset table.
        byte[] f1 = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4};
        byte[] f2 = {5, 6, 7, 8};
        byte[] bot = {0, 0, 0, 0, 26, 0, 0, 0};
        DicomObject encapsulated = gray.toBuilder()
                .putFragments(Tag.PixelData, VR.OB, bot, List.of(f1, f2, f1, f2)).build();
        write(dir.resolve("encapsulated-jpeg-bot.dcm"), encapsulated, TransferSyntax.JPEG_LOSSLESS_SV1, WriteOptions.DEFAULT);
    }

    static void write(Path p, DicomObject ds, TransferSyntax ts, WriteOptions o) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.write(out, DicomObject.empty(), ds, ts, o);
        Files.write(p, out.toByteArray());
    }
}
