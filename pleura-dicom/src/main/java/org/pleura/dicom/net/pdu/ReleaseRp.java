package org.pleura.dicom.net.pdu;

/** A-RELEASE-RP (PS3.8 section 9.3.7): confirms an orderly release. */
public record ReleaseRp() implements Pdu {

    @Override
    public int type() {
        return 6;
    }
}
