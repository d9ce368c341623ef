package org.pleura.dicom.net.pdu;

import java.util.List;

/**
 * P-DATA-TF (PS3.8 section 9.3.5): one or more presentation data values, fragments of DIMSE command or data sets.
 *
 * @param values the presentation data values, in order
 */
public record PDataTf(List<Pdv> values) implements Pdu {

    public PDataTf {
        values = List.copyOf(values);
    }

    @Override
    public int type() {
        return 4;
    }
}
