package org.pleura.dicom.net.pdu;

/**
 * A-ABORT (PS3.8 section 9.3.8, table 9-26): the association ends at once.
 *
 * @param source 0 service user, 2 service provider
 * @param reason for a service provider abort: 0 not specified, 1 unrecognised PDU, 2 unexpected PDU, 4
 *               unrecognised PDU parameter, 5 unexpected PDU parameter, 6 invalid PDU parameter value; 0 otherwise
 */
public record Abort(int source, int reason) implements Pdu {

    public static final int SOURCE_SERVICE_USER = 0;
    public static final int SOURCE_SERVICE_PROVIDER = 2;

    public static final int REASON_NOT_SPECIFIED = 0;
    public static final int REASON_UNRECOGNISED_PDU = 1;
    public static final int REASON_UNEXPECTED_PDU = 2;
    public static final int REASON_UNRECOGNISED_PDU_PARAMETER = 4;
    public static final int REASON_UNEXPECTED_PDU_PARAMETER = 5;
    public static final int REASON_INVALID_PDU_PARAMETER_VALUE = 6;

    /** An abort by the service user (the application), reason not significant. */
    public static Abort byUser() {
        return new Abort(SOURCE_SERVICE_USER, REASON_NOT_SPECIFIED);
    }

    /** An abort by the service provider (the protocol layer) with a reason. */
    public static Abort byProvider(int reason) {
        return new Abort(SOURCE_SERVICE_PROVIDER, reason);
    }

    @Override
    public int type() {
        return 7;
    }

    /** E.g. "aborted by the service provider: unexpected PDU". */
    public String describe() {
        if (source != SOURCE_SERVICE_PROVIDER) {
            return "aborted by the service user";
        }
        String why = switch (reason) {
            case REASON_UNRECOGNISED_PDU -> "unrecognised PDU";
            case REASON_UNEXPECTED_PDU -> "unexpected PDU";
            case REASON_UNRECOGNISED_PDU_PARAMETER -> "unrecognised PDU parameter";
            case REASON_UNEXPECTED_PDU_PARAMETER -> "unexpected PDU parameter";
            case REASON_INVALID_PDU_PARAMETER_VALUE -> "invalid PDU parameter value";
            default -> "reason not specified";
        };
        return "aborted by the service provider: " + why;
    }
}
