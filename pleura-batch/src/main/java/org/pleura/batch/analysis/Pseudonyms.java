package org.pleura.batch.analysis;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Patient pseudonyms: HMAC-SHA256 of the patient id under the output folder's secret key, first 16 bytes in hex.
 * The same patient gets the same pseudonym in every run on one output folder, and no pseudonym can be turned back
 * into an id without the key.
 */
public final class Pseudonyms implements Serializable {

    private static final long serialVersionUID = 1L;
    private final byte[] key;

    public Pseudonyms(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("a pseudonym key has at least 16 bytes");
        }
        this.key = key.clone();
    }

    /** The pseudonym of a patient id, or null for a missing or blank id. */
    public String of(String patientId) {
        if (patientId == null || patientId.isBlank()) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] h = mac.doFinal(patientId.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
