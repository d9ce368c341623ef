package org.pleura.dicom.net.pdu;

import java.util.Objects;

/**
 * One presentation data value item (PS3.8 section 9.3.5.1 and annex E.2): a fragment of a command or data set.
 * The data array is owned by the record (not copied): do not change it afterwards.
 *
 * @param contextId the presentation context id (odd, 1 to 255)
 * @param command   true for a command fragment, false for a data set fragment
 * @param last      true for the last fragment of the command or data set
 * @param data      the fragment bytes
 */
public record Pdv(int contextId, boolean command, boolean last, byte[] data) {

    public Pdv {
        Objects.requireNonNull(data);
        if (contextId < 1 || contextId > 255) {
            throw new IllegalArgumentException("presentation context id out of range: " + contextId);
        }
    }

    /** The message control header byte: bit 0 command, bit 1 last fragment. */
    public int controlHeader() {
        return (command ? 1 : 0) | (last ? 2 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pdv p && p.contextId == contextId && p.command == command && p.last == last
                && java.util.Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contextId, command, last, java.util.Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "Pdv[context " + contextId + (command ? ", command" : ", data") + (last ? ", last" : "") + ", "
                + data.length + " bytes]";
    }
}
