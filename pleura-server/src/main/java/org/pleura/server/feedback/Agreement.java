package org.pleura.server.feedback;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How often readers agreed with each call, per finding: counts of agreements and disagreements with positive,
 * doubtful and negative calls, and findings added as missed.
 *
 * @param findingId catalogue id
 * @param byCall    per call ({@code positive}, {@code doubtful}, {@code negative}), in that order
 * @param added     findings of this kind readers added as missed
 */
public record Agreement(String findingId, Map<String, Counts> byCall, int added) {

    /** Calls in the order shown. */
    public static final List<String> CALLS = List.of("positive", "doubtful", "negative");

    /**
     * Opinions on one call.
     *
     * @param agreed    readers who agreed
     * @param disagreed readers who disagreed
     */
    public record Counts(int agreed, int disagreed) {

        /** agreed / (agreed + disagreed), or NaN without opinions. */
        public double rate() {
            int n = agreed + disagreed;
            return n == 0 ? Double.NaN : agreed / (double) n;
        }
    }

    public Agreement {
        byCall = Collections.unmodifiableMap(new LinkedHashMap<>(byCall));
    }

    /** Agreements over all calls. */
    public int agreed() {
        return byCall.values().stream().mapToInt(Counts::agreed).sum();
    }

    /** Disagreements over all calls. */
    public int disagreed() {
        return byCall.values().stream().mapToInt(Counts::disagreed).sum();
    }

    /** Agreed / (agreed + disagreed) over all calls, or NaN without opinions. */
    public double rate() {
        return new Counts(agreed(), disagreed()).rate();
    }

    /** The statistics of live opinions: findings in {@code order} first, then any other id met, by name. */
    public static List<Agreement> of(List<FeedbackItem> live, List<String> order) {
        Map<String, int[]> counts = new HashMap<>();
        Map<String, Integer> added = new HashMap<>();
        List<String> ids = new ArrayList<>(order);
        List<String> extra = new ArrayList<>();
        for (FeedbackItem f : live) {
            if (!ids.contains(f.findingId()) && !extra.contains(f.findingId())) {
                extra.add(f.findingId());
            }
            if (f.kind() == FeedbackKind.ADDED) {
                added.merge(f.findingId(), 1, Integer::sum);
                continue;
            }
            int call = CALLS.indexOf(f.modelCall().orElse(""));
            if (call >= 0) {
                counts.computeIfAbsent(f.findingId() + "/" + call, k -> new int[2])
                        [f.kind() == FeedbackKind.AGREE ? 0 : 1]++;
            }
        }
        Collections.sort(extra);
        ids.addAll(extra);
        List<Agreement> out = new ArrayList<>();
        for (String id : ids) {
            Map<String, Counts> by = new LinkedHashMap<>();
            for (int i = 0; i < CALLS.size(); i++) {
                int[] c = counts.getOrDefault(id + "/" + i, new int[2]);
                by.put(CALLS.get(i), new Counts(c[0], c[1]));
            }
            out.add(new Agreement(id, by, added.getOrDefault(id, 0)));
        }
        return out;
    }
}
