package org.pleura.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.spec.KeySpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashing with PBKDF2-HMAC-SHA256 from the JDK, at the OWASP Password Storage Cheat Sheet's work factor
 * (600,000 iterations), a random 16-byte salt per password and a 32-byte hash. The stored form names the algorithm
 * and the iteration count, {@code pbkdf2-sha256$600000$SALT$HASH} (Base64), so the work factor can rise later:
 * {@link #needsRehash} tells when a stored hash is weaker than the current setting.
 *
 * <pre>{@code
 * PasswordHasher hasher = new PasswordHasher();
 * String stored = hasher.hash("correct horse".toCharArray());
 * boolean ok = hasher.verify("correct horse".toCharArray(), stored);
 * }</pre>
 *
 * <p>PBKDF2 rather than Argon2: it is in every JDK (no native code, no extra dependency), FIPS-approved, and
 * OWASP's recommended choice when FIPS matters; at 600,000 iterations one check takes a few hundred milliseconds.
 */
public final class PasswordHasher {

    /** The iteration count for new hashes (OWASP 2023 for PBKDF2-HMAC-SHA256). */
    public static final int ITERATIONS = 600_000;
    private static final String ALGORITHM = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final int iterations;
    private final String dummy;

    /** The production hasher. */
    public PasswordHasher() {
        this(ITERATIONS);
    }

    /** A hasher with another work factor (tests of this class only; never below 1,000). */
    PasswordHasher(int iterations) {
        if (iterations < 1_000) {
            throw new IllegalArgumentException("PBKDF2 needs at least 1000 iterations");
        }
        this.iterations = iterations;
        this.dummy = hash(Secrets.token(16).toCharArray());
    }

    /** The stored form of a new hash of {@code password}. */
    public String hash(char[] password) {
        byte[] salt = Secrets.bytes(SALT_BYTES);
        byte[] h = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return ALGORITHM + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /** True if {@code password} matches {@code stored}; false for a wrong password or an unreadable stored form. */
    public boolean verify(char[] password, String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        if (p.length != 4 || !p[0].equals(ALGORITHM)) {
            return false;
        }
        try {
            int n = Integer.parseInt(p[1]);
            byte[] salt = Base64.getDecoder().decode(p[2]);
            byte[] expected = Base64.getDecoder().decode(p[3]);
            if (n < 1_000 || n > 10_000_000 || expected.length == 0) {
                return false;
            }
            return MessageDigest.isEqual(expected, derive(password, salt, n, expected.length));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Spends the time of one verification without a stored hash, so that an unknown user name takes as long to
     * refuse as a wrong password.
     */
    public void verifyNothing(char[] password) {
        verify(password, dummy);
    }

    /** True if {@code stored} uses fewer iterations than this hasher (rehash it at the next successful login). */
    public boolean needsRehash(String stored) {
        String[] p = stored == null ? new String[0] : stored.split("\\$");
        try {
            return p.length != 4 || !p[0].equals(ALGORITHM) || Integer.parseInt(p[1]) < iterations;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        return derive(password, salt, iterations, HASH_BYTES);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        KeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java runtime", e);
        } finally {
            ((PBEKeySpec) spec).clearPassword();
        }
    }
}
