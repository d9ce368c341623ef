package org.pleura.server.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.pleura.dicom.UID;

/** UID helpers for storage: which UIDs are safe as file names, and name-based (deterministic) 2.25 UIDs. */
public final class Uids {

    private Uids() {
    }

    /**
     * True for 1 to 64 characters of digits and single dots, not starting or ending with a dot. Leading zeros in
     * a component are tolerated (they occur in the wild); anything that could name another file is not.
     */
    public static boolean isSafe(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64 || uid.charAt(0) == '.'
                || uid.charAt(uid.length() - 1) == '.') {
            return false;
        }
        char prev = 0;
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.') {
                return false;
            }
            if (c == '.' && prev == '.') {
                return false;
            }
            prev = c;
        }
        return true;
    }

    /**
     * A name-based UID: {@code 2.25.} followed by the decimal value of the version 5 (SHA-1) UUID of the name (PS3.5
     * B.2). The same name always gives the same UID, so a result recomputed after a crash replaces, at the PACS,
     * the instance sent before instead of adding a second one.
     */
    public static String nameBased(String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-1").digest(("pleura:" + name).getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0F) | 0x50);
            h[8] = (byte) ((h[8] & 0x3F) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (h[i] & 0xFF);
                lsb = (lsb << 8) | (h[i + 8] & 0xFF);
            }
            return UID.fromUuid(new UUID(msb, lsb));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
