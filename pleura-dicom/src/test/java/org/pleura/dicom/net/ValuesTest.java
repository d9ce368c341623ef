package org.pleura.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.Tag;
import org.pleura.dicom.TransferSyntax;

class ValuesTest {

    @Test
    void nodesParseFromAetAtHostColonPort() {
        DicomNode n = DicomNode.parse("PACS@10.0.0.5:104");
        assertEquals(new DicomNode("PACS", "10.0.0.5", 104), n);
        assertEquals("PACS@10.0.0.5:104", n.toString());
        assertEquals(new DicomNode("ORTHANC", "::1", 4242), DicomNode.parse("ORTHANC@[::1]:4242"));
        assertEquals("ORTHANC@[::1]:4242", DicomNode.parse("ORTHANC@[::1]:4242").toString());
        for (String bad : List.of("PACS", "PACS@host", "@host:104", "PACS@host:x", "PACS@host:70000",
                "A_TITLE_LONGER_THAN_16@host:104", "BACK\\SLASH@host:104")) {
            assertThrows(IllegalArgumentException.class, () -> DicomNode.parse(bad), bad);
        }
    }

    @Test
    void statusCategoriesFollowPs37AnnexC() {
        assertTrue(DimseStatus.SUCCESS.isSuccess());
        assertTrue(DimseStatus.of(0xB000, "").isWarning());
        assertTrue(DimseStatus.of(0x0107, "").isWarning());
        for (DimseStatus failure : List.of(DimseStatus.OUT_OF_RESOURCES, DimseStatus.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                DimseStatus.CANNOT_UNDERSTAND, DimseStatus.SOP_CLASS_NOT_SUPPORTED, DimseStatus.of(0xA7FF, ""))) {
            assertTrue(failure.isFailure(), failure.toString());
            assertFalse(failure.isWarning());
        }
        assertTrue(DimseStatus.of(0xFF00, "").isPending());
        assertEquals("0xA700 (Refused: Out of resources): disk full", DimseStatus.OUT_OF_RESOURCES.withComment("disk full")
                .toString());
        assertThrows(IllegalArgumentException.class, () -> DimseStatus.of(0x10000, ""));
    }

    @Test
    void commandSetsAreImplicitLittleEndianWithTheirGroupLengthAndCommentsFitLo() throws Exception {
        DicomObject rsp = Dimse.storeRsp(7, "1.2.840.10008.5.1.4.1.1.1", "1.2.3",
                DimseStatus.OUT_OF_RESOURCES.withComment("x".repeat(100) + "\\é"));
        byte[] bytes = Dimse.encode(rsp);
        assertEquals(0, bytes[0] | bytes[1] | bytes[2] | bytes[3], "starts with (0000,0000)");
        long groupLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8 | (bytes[10] & 0xFF) << 16 | (bytes[11] & 0xFF) << 24;
        assertEquals(bytes.length - 12, groupLength);
        DicomObject back = Dimse.decode(bytes);
        assertEquals(0x8001, back.getInt(Tag.CommandField));
        assertEquals(7, back.getInt(Tag.MessageIDBeingRespondedTo));
        assertEquals(0x0101, back.getInt(Tag.CommandDataSetType));
        assertEquals(64, back.getString(Tag.ErrorComment).length());
        assertFalse(Dimse.hasDataSet(back));
        assertTrue(Dimse.hasDataSet(Dimse.storeRq(1, "1.2", "1.3", 0)));
    }

    @Test
    void fragmentsFitThePeersMaximumAndAreEven() {
        assertEquals(16378, Dimse.maxFragment(16384, 1 << 20));
        assertEquals((256 * 1024 - 6), Dimse.maxFragment(0, 256 * 1024), "0 means unlimited: our own cap");
        assertEquals(4090, Dimse.maxFragment(4097, 1 << 20), "odd maximum: even fragments below it");
    }

    @Test
    void decodableSyntaxesIncludeTheNativeOnesAndTheRegisteredCodecs() {
        List<TransferSyntax> ts = TransferSyntaxes.decodable();
        assertTrue(ts.containsAll(TransferSyntaxes.NATIVE));
        for (TransferSyntax codec : List.of(TransferSyntax.RLE_LOSSLESS, TransferSyntax.JPEG_BASELINE,
                TransferSyntax.JPEG_EXTENDED, TransferSyntax.JPEG_LOSSLESS, TransferSyntax.JPEG_LOSSLESS_SV1,
                TransferSyntax.JPEG_LS_LOSSLESS, TransferSyntax.JPEG_LS_NEAR_LOSSLESS, TransferSyntax.JPEG_2000_LOSSLESS,
                TransferSyntax.JPEG_2000)) {
            assertTrue(ts.contains(codec), codec.toString());
        }
        assertFalse(ts.contains(TransferSyntax.MPEG2_MAIN));
    }

    @Test
    void serverConfigurationRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> DicomServerConfig.builder().aeTitle("").build());
        assertThrows(IllegalArgumentException.class, () -> DicomServerConfig.builder().maxAssociations(0).build());
        assertThrows(IllegalArgumentException.class, () -> DicomServerConfig.builder().maxPduLength(100).build());
        assertThrows(IllegalArgumentException.class,
                () -> DicomServerConfig.builder().allowCallingAeTitles(List.of("TOO_LONG_FOR_AN_AE_TITLE")).build());
        DicomServerConfig c = DicomServerConfig.builder().addSopClasses(SopClasses.MAMMOGRAPHY).build();
        assertTrue(c.sopClasses().containsAll(SopClasses.MAMMOGRAPHY) && c.sopClasses().containsAll(SopClasses.DEFAULT));
        assertEquals(c, c.toBuilder().build());
    }
}
