package org.pleura.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The value model: builder, typed getters, tags, dictionary, UIDs, transfer syntaxes. */
class DicomObjectTest {

    @Test
    void typedGettersAcrossVrs() throws DicomException {
        DicomObject ds = DicomObject.builder()
                .putString(Tag.PatientName, "Doe^John")
                .putString(Tag.ImageType, "ORIGINAL", "PRIMARY", " ")
                .putInt(Tag.Rows, 2048)
                .putInt(Tag.InstanceNumber, 7)
                .putDouble(Tag.PixelSpacing, 0.139, 0.1390000001)
                .putString(Tag.WindowCenter, VR.DS, " 1024 \\-12.5E1")
                .putInt(Tag.SmallestImagePixelValue, VR.SS, -5)
                .putLong(Tag.of(0x0009, 0x1001), VR.UL, 4_000_000_000L)
                .putDouble(Tag.of(0x0009, 0x1002), VR.FD, Math.PI)
                .build();
        assertEquals("Doe^John", ds.getString(Tag.PatientName));
        assertEquals(List.of("ORIGINAL", "PRIMARY", ""), ds.getStrings(Tag.ImageType));
        assertEquals(2048, ds.getInt(Tag.Rows));
        assertEquals("2048", ds.getString(Tag.Rows));
        assertEquals(7, ds.getInt(Tag.InstanceNumber));
        assertEquals(VR.IS, ds.get(Tag.InstanceNumber).orElseThrow().vr());
        assertArrayEquals(new double[] {0.139, 0.1390000001}, ds.getDoubles(Tag.PixelSpacing));
        assertTrue(ds.getStrings(Tag.PixelSpacing).stream().allMatch(s -> s.length() <= 16));
        assertArrayEquals(new double[] {1024, -125}, ds.getDoubles(Tag.WindowCenter));
        assertEquals(1024, ds.getInt(Tag.WindowCenter));
        assertEquals(-5, ds.getInt(Tag.SmallestImagePixelValue));
        assertEquals(4_000_000_000L, ds.getLong(Tag.of(0x0009, 0x1001)));
        assertThrows(DicomAttributeException.class, () -> ds.getInt(Tag.of(0x0009, 0x1001)));
        assertEquals(Math.PI, ds.getDouble(Tag.of(0x0009, 0x1002)));
        assertEquals(OptionalInt.empty(), ds.optInt(Tag.Columns));
        assertEquals(512, ds.getInt(Tag.Columns, 512));
        assertEquals(Optional.empty(), ds.optString(Tag.PatientSex));
        DicomAttributeException e = assertThrows(DicomAttributeException.class, () -> ds.getInt(Tag.Columns));
        assertEquals("Columns (0028,0011) is missing or empty", e.getMessage());
        DicomObject bad = DicomObject.builder().putString(Tag.InstanceNumber, VR.IS, "seven").build();
        DicomAttributeException b = assertThrows(DicomAttributeException.class, () -> bad.getInt(Tag.InstanceNumber));
        assertEquals("InstanceNumber (0020,0013) value 'seven' is not a number", b.getMessage());
    }

    @Test
    void sequencesPrivateTagsAndOrder() throws DicomException {
        DicomObject item = DicomObject.builder().putString(Tag.CodeValue, "36118008").build();
        DicomObject ds = DicomObject.builder()
                .putString(Tag.of(0x0029, 0x1010), VR.LO, "private value")
                .putString(Tag.of(0x0029, 0x0010), VR.LO, "PLEURA TEST")
                .putSequence(Tag.ConceptNameCodeSequence, item, item)
                .putString(Tag.PatientID, "42")
                .build();
        assertEquals(List.of(Tag.PatientID, Tag.of(0x0029, 0x0010), Tag.of(0x0029, 0x1010), Tag.ConceptNameCodeSequence),
                ds.tags());
        assertEquals(2, ds.getSequence(Tag.ConceptNameCodeSequence).size());
        assertEquals("36118008", ds.optItem(Tag.ConceptNameCodeSequence).orElseThrow().getString(Tag.CodeValue));
        assertEquals(List.of(), ds.getSequence(Tag.ReferencedImageSequence));
        assertEquals(Optional.of(Tag.of(0x0029, 0x1010)), ds.privateTag(0x0029, "PLEURA TEST", 0x10));
        assertEquals(Optional.empty(), ds.privateTag(0x0029, "OTHER", 0x10));
        assertEquals("private value", ds.getString(ds.privateTag(0x0029, "PLEURA TEST", 0x10).orElseThrow()));
        assertThrows(DicomAttributeException.class, () -> ds.getSequence(Tag.PatientID));
        assertFalse(ds.without(Tag.PatientID).contains(Tag.PatientID));
        assertEquals(ds, ds.toBuilder().build());
        assertEquals(3, ds.toBuilder().remove(Tag.PatientID).build().size());
    }

    @Test
    void tagsAndDictionary() {
        assertEquals(Tag.PatientName, Tag.of(0x00100010));
        assertEquals(Tag.PatientName, Tag.parse("(0010,0010)"));
        assertEquals(Tag.PatientName, Tag.parse("00100010"));
        assertEquals(Tag.PatientName, Tag.parse("PatientName"));
        assertEquals("(7FE0,0010)", Tag.PixelData.toString());
        assertEquals("PixelData", Tag.PixelData.keyword());
        assertEquals(VR.OW, ElementDictionary.vrOf(Tag.PixelData));
        assertEquals(VR.US, ElementDictionary.vrOf(Tag.SmallestImagePixelValue));
        assertEquals("OverlayRows", Tag.of(0x6002, 0x0010).keyword(), "repeating group 60xx");
        assertEquals("PrivateCreator", Tag.of(0x0009, 0x0010).keyword());
        assertEquals(VR.LO, ElementDictionary.vrOf(Tag.of(0x0009, 0x0010)));
        assertEquals("", Tag.of(0x0009, 0x1010).keyword());
        assertEquals(VR.UN, ElementDictionary.vrOf(Tag.of(0x0009, 0x1010)));
        assertEquals(Tag.forKeyword("ViewCodeSequence"), Tag.of(0x0054, 0x0220));
        assertTrue(Tag.of(0xFFFE, 0xE000).compareTo(Tag.of(0x7FE0, 0x0010)) > 0, "unsigned order");
        assertThrows(IllegalArgumentException.class, () -> Tag.forKeyword("NoSuchKeyword"));
    }

    @Test
    void uidsAndTransferSyntaxes() {
        String uid = UID.generate();
        assertTrue(uid.startsWith("2.25."), uid);
        assertTrue(UID.isValid(uid), uid);
        assertTrue(uid.length() <= 64);
        assertFalse(UID.isValid("1.02.3"));
        assertFalse(UID.isValid("1.2.3."));
        assertEquals(TransferSyntax.RLE_LOSSLESS, TransferSyntax.of("1.2.840.10008.1.2.5\0"));
        assertTrue(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.bigEndian());
        assertFalse(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.explicitVr());
        assertTrue(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.deflated());
        TransferSyntax unknown = TransferSyntax.of("1.2.3");
        assertFalse(unknown.known());
        assertTrue(unknown.encapsulated() && unknown.explicitVr());
    }

    @Test
    void commandSetInImplicitLittleEndian() throws DicomException {
        DicomObject command = DicomObject.builder()
                .putInt(Tag.CommandGroupLength, VR.UL, 0)
                .putString(Tag.AffectedSOPClassUID, UID.VERIFICATION)
                .putInt(Tag.CommandField, 0x0030)
                .putInt(Tag.MessageID, 1)
                .putInt(Tag.CommandDataSetType, 0x0101)
                .build();
        byte[] bytes = DicomWriter.encodeDataset(command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        // (0000,0000) UL 4 + (0000,0002) UI 18 + (0000,0100) US 2 + (0000,0110) US 2 + (0000,0800) US 2, 8-byte headers
        assertEquals(12 + 8 + 18 + 3 * 10, bytes.length);
        DicomObject back = DicomReader.readDataset(bytes, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertEquals(8 + 18 + 3 * 10, back.getInt(Tag.CommandGroupLength), "group length rewritten");
        assertEquals(UID.VERIFICATION, back.getString(Tag.AffectedSOPClassUID));
        assertEquals(0x0030, back.getInt(Tag.CommandField));
    }

    @Test
    void decimalStringsFitSixteenCharacters() {
        for (double d : new double[] {0.1, 1.0 / 3, -1.0 / 3, 1e-20, 123456789012345678.0, -0.000123456789123, 42}) {
            String s = DecimalStrings.format(d);
            assertTrue(s.length() <= 16, s);
            assertEquals(d, Double.parseDouble(s), Math.abs(d) * 1e-9, s);
        }
    }
}
