package org.pleura.server.dimse;

import java.util.Objects;

/** What happened when result objects were sent to one destination. */
public sealed interface SendOutcome {

    /** The destination acknowledged every object (success or warning status). */
    record Acknowledged() implements SendOutcome {
    }

    /** Not delivered for a reason that may pass (unreachable, timeout, busy, out of resources). */
    record Retry(String reason) implements SendOutcome {
        public Retry {
            Objects.requireNonNull(reason);
        }
    }

    /** The destination refused an object with a failure status; trying again rarely helps. */
    record Rejected(String reason) implements SendOutcome {
        public Rejected {
            Objects.requireNonNull(reason);
        }
    }
}
