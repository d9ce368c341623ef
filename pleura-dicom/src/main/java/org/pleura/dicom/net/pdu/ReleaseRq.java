package org.pleura.dicom.net.pdu;

/** A-RELEASE-RQ (PS3.8 section 9.3.6): asks for an orderly release of the association. */
public record ReleaseRq() implements Pdu {

    @Override
    public int type() {
        return 5;
    }
}
