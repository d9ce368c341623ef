package org.pleura.server.store;

import java.util.Locale;
import java.util.Objects;

/**
 * Where an object came from, recorded with it (no patient data).
 *
 * @param channel how it arrived
 * @param sender  the calling AE title (DIMSE) or the client address (HTTP)
 */
public record Origin(Channel channel, String sender) {

    /** The ways objects arrive. */
    public enum Channel {
        /** DICOM C-STORE. */
        DIMSE,
        /** DICOMweb STOW-RS. */
        STOW,
        /** REST upload ({@code POST /api/images}). */
        UPLOAD,
        /** Created by Pleura (result SC and SR). */
        RESULT;

        /** Lower-case name stored in the database. */
        public String dbValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Origin {
        Objects.requireNonNull(channel);
        sender = sender == null ? "" : sender.length() > 64 ? sender.substring(0, 64) : sender;
    }
}
