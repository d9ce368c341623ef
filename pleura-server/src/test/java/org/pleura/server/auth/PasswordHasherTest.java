package org.pleura.server.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void hashesWithTheCurrentWorkFactorAndASaltPerPassword() {
        PasswordHasher h = new PasswordHasher();
        String a = h.hash("correct horse battery".toCharArray());
        String b = h.hash("correct horse battery".toCharArray());
        assertTrue(a.startsWith("pbkdf2-sha256$600000$"), a);
        assertNotEquals(a, b, "a new salt each time");
        assertTrue(h.verify("correct horse battery".toCharArray(), a));
        assertFalse(h.verify("correct horse batterz".toCharArray(), a));
        assertFalse(h.needsRehash(a));
    }

    @Test
    void weakerOrForeignStoredFormsAreRefusedOrFlagged() {
        PasswordHasher weak = new PasswordHasher(1_000);
        String old = weak.hash("long enough password".toCharArray());
        PasswordHasher h = new PasswordHasher();
        assertTrue(h.verify("long enough password".toCharArray(), old), "old hashes still verify");
        assertTrue(h.needsRehash(old));
        assertFalse(h.verify("x".toCharArray(), "md5$abc"));
        assertFalse(h.verify("x".toCharArray(), null));
        assertFalse(h.verify("x".toCharArray(), "pbkdf2-sha256$10$AAAA$AAAA"), "absurd work factors are refused");
    }

    @Test
    void policyWantsLengthNotTheUserName() {
        assertTrue(PasswordPolicy.problem("marie", "short").isPresent());
        assertTrue(PasswordPolicy.problem("marie.dupont", "Marie.Dupont").isPresent());
        assertTrue(PasswordPolicy.problem("marie", "aaaaaaaaaaaa").isPresent());
        assertTrue(PasswordPolicy.problem("marie", "un cheval de trait").isEmpty());
    }
}
