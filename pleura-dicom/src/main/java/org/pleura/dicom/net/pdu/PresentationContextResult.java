package org.pleura.dicom.net.pdu;

import java.util.Objects;

/**
 * The acceptor's answer for one proposed presentation context in an A-ASSOCIATE-AC (PS3.8 section 9.3.3.2).
 *
 * @param id             the context id, as proposed
 * @param result         {@link #ACCEPTANCE} or one of the rejection reasons
 * @param transferSyntax the chosen transfer syntax UID when accepted (not significant otherwise)
 */
public record PresentationContextResult(int id, int result, String transferSyntax) {

    public static final int ACCEPTANCE = 0;
    public static final int USER_REJECTION = 1;
    public static final int NO_REASON = 2;
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    public PresentationContextResult {
        if (id < 1 || id > 255) {
            throw new IllegalArgumentException("presentation context id out of range: " + id);
        }
        Objects.requireNonNull(transferSyntax);
    }

    /** True when the context was accepted. */
    public boolean accepted() {
        return result == ACCEPTANCE;
    }

    /** The result in words, e.g. "abstract syntax not supported". */
    public String resultText() {
        return switch (result) {
            case ACCEPTANCE -> "accepted";
            case USER_REJECTION -> "rejected by the user";
            case NO_REASON -> "rejected, no reason";
            case ABSTRACT_SYNTAX_NOT_SUPPORTED -> "abstract syntax not supported";
            case TRANSFER_SYNTAXES_NOT_SUPPORTED -> "transfer syntaxes not supported";
            default -> "result " + result;
        };
    }
}
