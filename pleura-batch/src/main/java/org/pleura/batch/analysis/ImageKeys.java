package org.pleura.batch.analysis;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.pleura.dicom.DicomObject;
import org.pleura.dicom.Tag;

/**
 * The key that makes a file the same image in a re-run: {@code sop:UID} for DICOM with a SOP Instance UID (the
 * same instance re-sent or transcoded is the same image), {@code sha256:HEX} of the bytes otherwise (PNG, JPEG, and
 * files whose header cannot be read).
 */
public final class ImageKeys {

    private ImageKeys() {
    }

    /** The key of a file's bytes and, for DICOM, its header. */
    public static String of(byte[] bytes, Optional<DicomObject> header) {
        Optional<String> sop = header.flatMap(h -> h.optString(Tag.SOPInstanceUID)).map(String::strip)
                .filter(s -> !s.isEmpty());
        return sop.map(s -> "sop:" + s).orElseGet(() -> "sha256:" + sha256(bytes));
    }

    /** The SHA-256 of bytes in hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
