package org.pleura.dicom.net.pdu;

/**
 * One DICOM upper layer protocol data unit (PS3.8 section 9.3). Encode with {@link PduCodec#encode(Pdu)}, decode
 * with {@link PduCodec#decode(int, byte[], int, int)}.
 */
public sealed interface Pdu permits AssociateRq, AssociateAc, AssociateRj, PDataTf, ReleaseRq, ReleaseRp, Abort {

    /** The PDU type byte: 1 to 7. */
    int type();
}
