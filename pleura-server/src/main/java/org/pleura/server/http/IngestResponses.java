package org.pleura.server.http;

import java.util.Map;
import org.pleura.server.store.IngestOutcome;

/** How ingestion outcomes become HTTP problems (shared by the REST upload and STOW-RS). */
public final class IngestResponses {

    private IngestResponses() {
    }

    /** The problem for a refusal or unavailability. */
    public static ProblemException problem(IngestOutcome outcome) {
        if (outcome instanceof IngestOutcome.Rejected r) {
            return switch (r.reason()) {
                case TOO_LARGE -> new ProblemException(413, "too-large", r.message());
                case UNSUPPORTED_TYPE -> new ProblemException(415, "unsupported-type", r.message());
                case MISSING_IDENTIFIER, MISMATCH -> new ProblemException(422, "missing-identifier", r.message());
                case UNREADABLE -> new ProblemException(400, "unreadable", r.message());
            };
        }
        if (outcome instanceof IngestOutcome.Unavailable u) {
            return switch (u.cause()) {
                case DISK_FULL -> new ProblemException(507, "disk-full", u.message(), Map.of("Retry-After", "60"));
                case QUEUE_FULL -> new ProblemException(503, "queue-full", u.message(), Map.of("Retry-After", "30"));
                case STORAGE_ERROR -> new ProblemException(503, "storage-error", u.message(),
                        Map.of("Retry-After", "10"));
            };
        }
        throw new IllegalArgumentException("not a failure: " + outcome);
    }
}
