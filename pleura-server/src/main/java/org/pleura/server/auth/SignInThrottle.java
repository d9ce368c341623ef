package org.pleura.server.auth;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Slows password guessing without letting anyone lock an account out: failed sign-ins are counted per
 * (client address, typed user name) and per client address, never per account. After {@code freeFailures} failures
 * for one name from one address (four times as many over all names from one address), each further attempt must
 * wait 1 s, 2 s, 4 s ... up to {@code maxDelay}; a success from that address clears its count for that name. A
 * stranger guessing at the admin's password slows only their own attempts, and the admin signs in from their own
 * workstation as usual.
 *
 * <p>Unknown and known names are counted the same way (the answer never tells whether a name exists). Counts older
 * than an hour without a failure are forgotten; at most {@value #MAX_ENTRIES} are kept (least recently used go
 * first), so a flood of random names cannot fill the memory. Time comes from the injected clock.
 */
public final class SignInThrottle {

    /** Most (address, name) and address counts kept. */
    static final int MAX_ENTRIES = 20_000;
    /** Failures from one address over every name before delays start, as a multiple of the per-name allowance. */
    static final int ADDRESS_FACTOR = 4;
    private static final long FORGET_AFTER_MS = 60 * 60_000L;
    private static final long FIRST_DELAY_MS = 1000;

    private record Key(String address, String name) {
    }

    private static final class Count {
        int failures;
        long lastFailure;
        long notBefore;
    }

    private final IntSupplier freeFailures;
    private final Supplier<java.time.Duration> maxDelay;
    private final LongSupplier clock;
    private final Map<Key, Count> counts = new LinkedHashMap<>(256, 0.75f, true);

    /**
     * @param freeFailures failures for one name from one address before delays start
     * @param maxDelay     the longest delay between two attempts
     * @param clock        epoch milliseconds
     */
    public SignInThrottle(IntSupplier freeFailures, Supplier<java.time.Duration> maxDelay, LongSupplier clock) {
        this.freeFailures = freeFailures;
        this.maxDelay = maxDelay;
        this.clock = clock;
    }

    /** Milliseconds this address must still wait before trying this name, 0 if it may try now. */
    public synchronized long waitMillis(String address, String name) {
        long now = clock.getAsLong();
        return Math.max(wait(new Key(address(address), name(name)), now), wait(new Key(address(address), null), now));
    }

    /** Counts a failed sign-in (unknown name, wrong password or disabled account alike). */
    public synchronized void failed(String address, String name) {
        long now = clock.getAsLong();
        int free = Math.max(1, freeFailures.getAsInt());
        count(new Key(address(address), name(name)), free, now);
        count(new Key(address(address), null), free * ADDRESS_FACTOR, now);
    }

    /** A successful sign-in: this address's count for this name starts again. */
    public synchronized void succeeded(String address, String name) {
        counts.remove(new Key(address(address), name(name)));
    }

    /** Forgets every count for this name, from every address (an operator unlocking a user). */
    public synchronized void reset(String name) {
        String n = name(name);
        counts.keySet().removeIf(k -> n.equals(k.name()));
    }

    /** Counts held (for tests and metrics). */
    public synchronized int size() {
        return counts.size();
    }

    private long wait(Key key, long now) {
        Count c = counts.get(key);
        if (c == null) {
            return 0;
        }
        if (now - c.lastFailure > FORGET_AFTER_MS) {
            counts.remove(key);
            return 0;
        }
        return Math.max(0, c.notBefore - now);
    }

    private void count(Key key, int free, long now) {
        Count c = counts.get(key);
        if (c == null || now - c.lastFailure > FORGET_AFTER_MS) {
            c = new Count();
            counts.put(key, c);
        }
        c.failures++;
        c.lastFailure = now;
        if (c.failures >= free) {
            int doublings = Math.min(30, c.failures - free);
            long delay = Math.min(maxDelay.get().toMillis(), FIRST_DELAY_MS << doublings);
            c.notBefore = now + delay;
        }
        if (counts.size() > MAX_ENTRIES) {
            Iterator<Key> it = counts.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    private static String address(String a) {
        return a == null ? "" : a;
    }

    private static String name(String n) {
        String s = n == null ? "" : n.strip().toLowerCase(Locale.ROOT);
        return s.length() > 64 ? s.substring(0, 64) : s;
    }
}
