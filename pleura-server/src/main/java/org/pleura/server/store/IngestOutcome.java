package org.pleura.server.store;

import java.util.Objects;

/** What became of one received object: stored (new or already there), rejected as bad input, or not accepted now. */
public sealed interface IngestOutcome {

    /** Stored now, with its analysis job when it is an image. */
    record Stored(StoredInstance instance) implements IngestOutcome {
        public Stored {
            Objects.requireNonNull(instance);
        }
    }

    /**
     * The same SOP Instance UID was stored before: the first copy is kept, this one is dropped and no second job
     * is created. The sender is told it succeeded (the object is there).
     */
    record AlreadyStored(StoredInstance instance) implements IngestOutcome {
        public AlreadyStored {
            Objects.requireNonNull(instance);
        }
    }

    /** The object itself is unacceptable; sending it again will not help. */
    record Rejected(Reason reason, String message) implements IngestOutcome {
        public Rejected {
            Objects.requireNonNull(reason);
            Objects.requireNonNull(message);
        }
    }

    /** Not accepted now (full queue or disk, storage failure); the sender should try again later. */
    record Unavailable(Cause cause, String message) implements IngestOutcome {
        public Unavailable {
            Objects.requireNonNull(cause);
            Objects.requireNonNull(message);
        }
    }

    /** Why an object is rejected. */
    enum Reason {
        /** Not a readable DICOM file or picture. */
        UNREADABLE,
        /** A required UID is missing or invalid. */
        MISSING_IDENTIFIER,
        /** Larger than the maximum object size. */
        TOO_LARGE,
        /** A format this channel does not take. */
        UNSUPPORTED_TYPE,
        /** The C-STORE command and the data set disagree. */
        MISMATCH
    }

    /** Why an object is not accepted now. */
    enum Cause {
        /** Too many analyses waiting. */
        QUEUE_FULL,
        /** The data disk is at its free-space floor. */
        DISK_FULL,
        /** Writing or recording failed. */
        STORAGE_ERROR
    }

    /** True for stored and already stored. */
    default boolean isStored() {
        return this instanceof Stored || this instanceof AlreadyStored;
    }
}
