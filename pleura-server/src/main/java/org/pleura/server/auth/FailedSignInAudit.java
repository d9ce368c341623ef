package org.pleura.server.auth;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.pleura.server.audit.AuditEntry;
import org.pleura.server.audit.AuditTrail;

/**
 * Keeps the audit rows of refused sign-ins bounded: in each window of {@code window} milliseconds at most
 * {@code perAddress} rows per client address and {@code total} rows in all are written one by one; the others are
 * counted, and one summary row ({@code login.failure}, actor {@code pleura}) says how many were not recorded one by
 * one, from how many addresses, in which window. The summary is written with the first refused sign-in of a later
 * window (or by {@link #flush()}). An attacker typing random names therefore adds at most
 * {@code total + 1} rows per window, whatever their rate.
 */
public final class FailedSignInAudit {

    private final AuditTrail audit;
    private final LongSupplier clock;
    private final long window;
    private final int perAddress;
    private final int total;
    private long windowStart;
    private int written;
    private long suppressed;
    private final Map<String, Integer> byAddress = new HashMap<>();
    private final Map<String, Long> suppressedByAddress = new HashMap<>();

    public FailedSignInAudit(AuditTrail audit, LongSupplier clock, long windowMillis, int perAddress, int total) {
        this.audit = audit;
        this.clock = clock;
        this.window = windowMillis;
        this.perAddress = perAddress;
        this.total = total;
        this.windowStart = clock.getAsLong();
    }

    /** Records this refused sign-in, or counts it when its address or the window has had its share. */
    public void record(AuditEntry entry) {
        AuditEntry summary = null;
        boolean write;
        synchronized (this) {
            long now = clock.getAsLong();
            if (now - windowStart >= window || now < windowStart) {
                summary = summaryAndReset(now);
            }
            int fromAddress = byAddress.merge(entry.ip(), 1, Integer::sum);
            write = fromAddress <= perAddress && written < total;
            if (write) {
                written++;
            } else {
                suppressed++;
                suppressedByAddress.merge(entry.ip(), 1L, Long::sum);
            }
            if (byAddress.size() > 10_000) {
                byAddress.clear();
            }
        }
        if (summary != null) {
            audit.record(summary);
        }
        if (write) {
            audit.record(entry);
        }
    }

    /** Writes the summary of the current window if any sign-in was counted without a row. */
    public void flush() {
        AuditEntry summary;
        synchronized (this) {
            summary = summaryAndReset(clock.getAsLong());
        }
        if (summary != null) {
            audit.record(summary);
        }
    }

    private AuditEntry summaryAndReset(long now) {
        AuditEntry summary = null;
        if (suppressed > 0) {
            String top = suppressedByAddress.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                    .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("");
            summary = new AuditEntry("pleura", "system", org.pleura.server.audit.AuditAction.LOGIN_FAILURE, "sign-in",
                    suppressed + " more refused sign-ins not recorded one by one between "
                            + Instant.ofEpochMilli(windowStart) + " and " + Instant.ofEpochMilli(now) + " from "
                            + suppressedByAddress.size() + " addresses (most: " + top + ")", "");
        }
        windowStart = now;
        written = 0;
        suppressed = 0;
        byAddress.clear();
        suppressedByAddress.clear();
        return summary;
    }
}
