package org.pleura.dicom.net;

import java.util.Objects;
import org.pleura.dicom.TransferSyntax;

/** What became of one object sent by C-STORE. */
public sealed interface StoreOutcome permits StoreOutcome.Stored, StoreOutcome.Refused, StoreOutcome.NotSent {

    /** The object. */
    StoreSource source();

    /** True when the peer confirmed the object stored (success or warning). */
    default boolean isStored() {
        return this instanceof Stored;
    }

    /**
     * The peer answered success or a warning: it has the object.
     *
     * @param source         the object
     * @param sopInstanceUid its SOP instance UID
     * @param sentAs         the transfer syntax it was sent in
     * @param status         the response status (success or warning, with the peer's comment)
     */
    record Stored(StoreSource source, String sopInstanceUid, TransferSyntax sentAs, DimseStatus status)
            implements StoreOutcome {
        public Stored {
            Objects.requireNonNull(source);
            Objects.requireNonNull(status);
        }
    }

    /**
     * The peer answered a failure status: it does not have the object.
     *
     * @param source         the object
     * @param sopInstanceUid its SOP instance UID
     * @param status         the failure status with the peer's error comment
     */
    record Refused(StoreSource source, String sopInstanceUid, DimseStatus status) implements StoreOutcome {
        public Refused {
            Objects.requireNonNull(source);
            Objects.requireNonNull(status);
        }
    }

    /**
     * The object was not sent: unreadable, or no presentation context the peer accepted fits it.
     *
     * @param source the object
     * @param reason why, in words a user can act on
     */
    record NotSent(StoreSource source, String reason) implements StoreOutcome {
        public NotSent {
            Objects.requireNonNull(source);
            Objects.requireNonNull(reason);
        }
    }
}
