package org.pleura.batch.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.pleura.batch.BatchException;

/**
 * The secret key of an output folder's patient pseudonyms: 32 random bytes in hex in {@code OUT/pseudonym.key},
 * created by the first run (readable by its owner only) and read by every later run and by the audit, so that a
 * patient keeps one pseudonym. Whoever holds the key can test a guessed patient id: keep it with the same care as
 * the ids.
 */
public final class PseudonymKey {

    private PseudonymKey() {
    }

    /** The key of an output folder, created when absent. */
    public static byte[] loadOrCreate(BatchOutput output) throws BatchException {
        Path file = output.pseudonymKey();
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                Files.createDirectories(output.root());
                Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's own permissions protect it
                }
                return key;
            } catch (FileAlreadyExistsException e) {
                // created meanwhile: read it below
            } catch (IOException e) {
                throw new BatchException(file + ": cannot create the pseudonym key (" + e.getMessage() + ")", e);
            }
        }
        return load(output);
    }

    /** The key of an output folder that has one. */
    public static byte[] load(BatchOutput output) throws BatchException {
        Path file = output.pseudonymKey();
        try {
            return HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new BatchException(file + ": cannot read the pseudonym key (" + e.getMessage() + ")", e);
        }
    }
}
