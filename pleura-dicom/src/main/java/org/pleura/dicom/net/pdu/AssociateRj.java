package org.pleura.dicom.net.pdu;

/**
 * A-ASSOCIATE-RJ (PS3.8 section 9.3.4, table 9-21): the association is refused.
 *
 * @param result 1 rejected-permanent, 2 rejected-transient
 * @param source 1 service-user, 2 service-provider (ACSE), 3 service-provider (presentation)
 * @param reason the reason, whose meaning depends on the source; see {@link #describe()}
 */
public record AssociateRj(int result, int source, int reason) implements Pdu {

    public static final int PERMANENT = 1;
    public static final int TRANSIENT = 2;

    public static final int SOURCE_SERVICE_USER = 1;
    public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
    public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;

    /** Rejected permanently by the service user: the called AE title is not this node's. */
    public static final AssociateRj CALLED_AE_TITLE_NOT_RECOGNISED = new AssociateRj(PERMANENT, SOURCE_SERVICE_USER, 7);
    /** Rejected permanently by the service user: the calling AE title is not allowed. */
    public static final AssociateRj CALLING_AE_TITLE_NOT_RECOGNISED = new AssociateRj(PERMANENT, SOURCE_SERVICE_USER, 3);
    /** Rejected permanently by the service user: not the DICOM application context. */
    public static final AssociateRj APPLICATION_CONTEXT_NOT_SUPPORTED =
            new AssociateRj(PERMANENT, SOURCE_SERVICE_USER, 2);
    /** Rejected permanently by the service user, no reason given. */
    public static final AssociateRj NO_REASON_GIVEN = new AssociateRj(PERMANENT, SOURCE_SERVICE_USER, 1);
    /** Rejected permanently by the service provider: protocol version not supported. */
    public static final AssociateRj PROTOCOL_VERSION_NOT_SUPPORTED =
            new AssociateRj(PERMANENT, SOURCE_SERVICE_PROVIDER_ACSE, 2);
    /** Rejected transiently by the service provider: too many associations at once. */
    public static final AssociateRj LOCAL_LIMIT_EXCEEDED =
            new AssociateRj(TRANSIENT, SOURCE_SERVICE_PROVIDER_PRESENTATION, 2);
    /** Rejected transiently by the service provider: temporary congestion (e.g. shutting down). */
    public static final AssociateRj TEMPORARY_CONGESTION =
            new AssociateRj(TRANSIENT, SOURCE_SERVICE_PROVIDER_PRESENTATION, 1);

    @Override
    public int type() {
        return 3;
    }

    /** True when the requestor may try again later. */
    public boolean isTransient() {
        return result == TRANSIENT;
    }

    /** The reason in words, e.g. "called AE title not recognised". */
    public String reasonText() {
        return switch (source) {
            case SOURCE_SERVICE_USER -> switch (reason) {
                case 1 -> "no reason given";
                case 2 -> "application context name not supported";
                case 3 -> "calling AE title not recognised";
                case 7 -> "called AE title not recognised";
                default -> "reason " + reason;
            };
            case SOURCE_SERVICE_PROVIDER_ACSE -> switch (reason) {
                case 1 -> "no reason given";
                case 2 -> "protocol version not supported";
                default -> "reason " + reason;
            };
            case SOURCE_SERVICE_PROVIDER_PRESENTATION -> switch (reason) {
                case 1 -> "temporary congestion";
                case 2 -> "local limit exceeded";
                default -> "reason " + reason;
            };
            default -> "source " + source + " reason " + reason;
        };
    }

    /** E.g. "rejected (permanent) by the service user: called AE title not recognised". */
    public String describe() {
        String who = switch (source) {
            case SOURCE_SERVICE_USER -> "the service user";
            case SOURCE_SERVICE_PROVIDER_ACSE, SOURCE_SERVICE_PROVIDER_PRESENTATION -> "the service provider";
            default -> "source " + source;
        };
        return "rejected (" + (result == TRANSIENT ? "transient" : "permanent") + ") by " + who + ": "
                + reasonText();
    }
}
