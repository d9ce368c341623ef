package org.pleura.dicom.net;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts what each peer holds, so that one peer cannot take every association slot: connections per remote address
 * (from accept, before any A-ASSOCIATE-RQ) and associations per calling AE title (once the request is read).
 */
final class PeerLimits {

    /** No limit: for trusted addresses. */
    static final PeerLimits NONE = new PeerLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

    private final int perCaller;
    private final int perAddress;
    private final Map<String, Integer> callers = new HashMap<>();
    private final Map<InetAddress, Integer> addresses = new HashMap<>();

    PeerLimits(int perCaller, int perAddress) {
        this.perCaller = perCaller;
        this.perAddress = perAddress;
    }

    /** Takes a connection slot for this address, or false when it holds its share. */
    synchronized boolean enterAddress(InetAddress a) {
        return enter(addresses, a, perAddress);
    }

    synchronized void leaveAddress(InetAddress a) {
        leave(addresses, a);
    }

    /** Takes an association slot for this calling AE title, or false when it holds its share. */
    synchronized boolean enterCaller(String aeTitle) {
        return enter(callers, aeTitle, perCaller);
    }

    synchronized void leaveCaller(String aeTitle) {
        leave(callers, aeTitle);
    }

    int perCaller() {
        return perCaller;
    }

    int perAddress() {
        return perAddress;
    }

    private static <K> boolean enter(Map<K, Integer> m, K key, int max) {
        int n = m.getOrDefault(key, 0);
        if (n >= max) {
            return false;
        }
        m.put(key, n + 1);
        return true;
    }

    private static <K> void leave(Map<K, Integer> m, K key) {
        m.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
