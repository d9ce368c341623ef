package org.pleura.dicom.net.pdu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PduCodecTest {

    private static Pdu roundTrip(Pdu pdu) throws PduFormatException {
        byte[] wire = PduCodec.encode(pdu);
        long length = ((long) (wire[2] & 0xFF) << 24) | ((wire[3] & 0xFF) << 16) | ((wire[4] & 0xFF) << 8) | (wire[5] & 0xFF);
        assertEquals(wire.length - 6, length, "declared length is the variable field");
        PduCodec.checkLength(wire[0] & 0xFF, length, 1 << 20);
        return PduCodec.decode(wire[0] & 0xFF, wire, 6, wire.length - 6);
    }

    @Test
    void associateRequestRoundTripsWithEveryUserInformationSubItem() throws Exception {
        AssociateRq rq = new AssociateRq(1, "PLEURA", "MODALITY_1", AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextProposal(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")),
                        new PresentationContextProposal(3, "1.2.840.10008.5.1.4.1.1.1.1",
                                List.of("1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.1"))),
                new UserInformation(16384, "1.2.3.4", "TEST_1",
                        Optional.of(new UserInformation.AsyncOperationsWindow(5, 1)),
                        List.of(new UserInformation.RoleSelection("1.2.840.10008.5.1.4.1.1.1.1", true, false))));
        assertEquals(rq, roundTrip(rq));
    }

    @Test
    void associateAcceptAndRejectRoundTrip() throws Exception {
        AssociateAc ac = new AssociateAc("PLEURA", "MODALITY", AssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextResult(1, 0, "1.2.840.10008.1.2"),
                        new PresentationContextResult(3, PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED,
                                "1.2.840.10008.1.2.1")),
                new UserInformation(0, "1.2.3", ""));
        assertEquals(ac, roundTrip(ac));
        assertEquals(AssociateRj.LOCAL_LIMIT_EXCEEDED, roundTrip(AssociateRj.LOCAL_LIMIT_EXCEEDED));
        assertEquals("rejected (permanent) by the service user: called AE title not recognised",
                AssociateRj.CALLED_AE_TITLE_NOT_RECOGNISED.describe());
    }

    @Test
    void pDataReleaseAndAbortRoundTrip() throws Exception {
        PDataTf p = new PDataTf(List.of(new Pdv(1, true, true, new byte[] {1, 2, 3, 4}),
                new Pdv(3, false, false, new byte[0])));
        assertEquals(p, roundTrip(p));
        assertEquals(new ReleaseRq(), roundTrip(new ReleaseRq()));
        assertEquals(new ReleaseRp(), roundTrip(new ReleaseRp()));
        assertEquals(Abort.byProvider(Abort.REASON_UNEXPECTED_PDU), roundTrip(Abort.byProvider(2)));
    }

    @Test
    void pDataHeaderForOneFragmentMatchesTheGeneralEncoder() {
        byte[] data = {9, 8, 7, 6, 5, 4};
        byte[] buf = new byte[PduCodec.PDATA_OVERHEAD + data.length];
        PduCodec.writePDataHeader(buf, 5, false, true, data.length);
        System.arraycopy(data, 0, buf, PduCodec.PDATA_OVERHEAD, data.length);
        assertArrayEquals(PduCodec.encode(new PDataTf(List.of(new Pdv(5, false, true, data)))), buf);
    }

    @Test
    void absurdLengthsAreRefusedBeforeAllocating() {
        PduFormatException e = assertThrows(PduFormatException.class, () -> PduCodec.checkLength(4, 0xFFFFFFFFL, 65536));
        assertTrue(e.getMessage().contains("P-DATA-TF"), e.getMessage());
        assertThrows(PduFormatException.class, () -> PduCodec.checkLength(1, 1L << 31, 65536));
        assertThrows(PduFormatException.class, () -> PduCodec.checkLength(5, 5, 65536));
        PduFormatException http = assertThrows(PduFormatException.class, () -> PduCodec.checkLength('G', 10, 65536));
        assertEquals(Abort.REASON_UNRECOGNISED_PDU, http.abortReason());
    }

    @Test
    void truncatedOrLyingItemsAreFormatErrors() throws Exception {
        AssociateRq rq = new AssociateRq("A", "B", List.of(new PresentationContextProposal(1, "1.2", List.of("1.2.840.10008.1.2"))),
                new UserInformation(16384, "1.2.3", "V"));
        byte[] wire = PduCodec.encode(rq);
        for (int cut = 60; cut < wire.length - 6; cut += 7) {
            int len = cut;
            try {
                PduCodec.decode(1, wire, 6, len);
            } catch (PduFormatException expected) {
                continue;
            }
            // a cut exactly between items can still be a valid (shorter) request; it must then still hold a context
            AssociateRq back = (AssociateRq) PduCodec.decode(1, wire, 6, len);
            assertTrue(!back.presentationContexts().isEmpty());
        }
        byte[] lying = Arrays.copyOf(wire, wire.length);
        lying[6 + 68 + 2] = (byte) 0xFF; // application context item length far beyond the PDU
        lying[6 + 68 + 3] = (byte) 0xFF;
        assertThrows(PduFormatException.class, () -> PduCodec.decode(1, lying, 6, lying.length - 6));
        byte[] pdv = PduCodec.encode(new PDataTf(List.of(new Pdv(1, true, true, new byte[4]))));
        pdv[9] = 100; // PDV item length beyond the PDU
        assertThrows(PduFormatException.class, () -> PduCodec.decode(4, pdv, 6, pdv.length - 6));
    }

    @Test
    void evenContextIdsAndDuplicatesAreRefused() throws Exception {
        AssociateRq rq = new AssociateRq("A", "B", List.of(new PresentationContextProposal(1, "1.2", List.of("1.2.840.10008.1.2")),
                new PresentationContextProposal(3, "1.2", List.of("1.2.840.10008.1.2"))), new UserInformation(0, "1", ""));
        byte[] wire = PduCodec.encode(rq);
        int second = indexOf(wire, (byte) 0x20, 2);
        wire[second + 4] = 1; // second context now also has id 1
        assertThrows(PduFormatException.class, () -> PduCodec.decode(1, wire, 6, wire.length - 6));
        wire[second + 4] = 2;
        assertThrows(PduFormatException.class, () -> PduCodec.decode(1, wire, 6, wire.length - 6));
    }

    private static int indexOf(byte[] b, byte value, int occurrence) {
        int seen = 0;
        for (int i = 6 + 68; i < b.length; i++) {
            if (b[i] == value && b[i + 1] == 0) {
                if (++seen == occurrence) {
                    return i;
                }
            }
        }
        throw new AssertionError("not found");
    }
}
