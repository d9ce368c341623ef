package org.pleura.server.worklist;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the worklist page asks for; empty values mean "any".
 *
 * @param receivedFrom epoch ms, inclusive (the day the study arrived)
 * @param receivedTo   epoch ms, exclusive
 * @param findingId    only studies where this finding has {@code call} (or, without a call, positive or doubtful)
 * @param call         {@code positive}, {@code doubtful} or {@code negative}: with a finding, its call; alone, any
 *                     finding with this call
 * @param reviewed     true: only studies with feedback; false: only those without
 * @param level        worklist level rank (0 urgent positive ... 3 routine)
 * @param upToLevel    only studies at this level rank or more urgent (the REST API's {@code level})
 * @param text         part of the patient name, patient ID or accession number (any case)
 * @param limit        page size, 1-1000
 * @param offset       page start
 */
public record WorklistFilter(long receivedFrom, long receivedTo, String findingId, String call,
                             Optional<Boolean> reviewed, Optional<Integer> level, Optional<Integer> upToLevel,
                             String text, int limit, int offset) {

    /** Calls a filter may name. */
    public static final Set<String> CALLS = Set.of("positive", "doubtful", "negative");
    /** Largest page. */
    public static final int MAX_LIMIT = 1000;

    public WorklistFilter {
        findingId = findingId == null ? "" : findingId.strip();
        call = call == null ? "" : call.strip();
        text = text == null ? "" : text.strip();
        if (!call.isEmpty() && !CALLS.contains(call)) {
            throw new IllegalArgumentException("call must be positive, doubtful or negative");
        }
        if (!findingId.isEmpty() && !findingId.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("finding must be a catalogue id");
        }
        for (Optional<Integer> l : List.of(level, upToLevel)) {
            if (l.isPresent() && (l.get() < 0 || l.get() > 3)) {
                throw new IllegalArgumentException("level must be urgent_positive, doubtful, follow_up or routine");
            }
        }
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + " and offset >= 0");
        }
        if (text.length() > 64) {
            throw new IllegalArgumentException("search text is at most 64 characters");
        }
    }

    /** Everything, first page of 100. */
    public static WorklistFilter all() {
        return new WorklistFilter(0, 0, "", "", Optional.empty(), Optional.empty(), Optional.empty(), "", 100, 0);
    }

    /** Studies at level rank {@code maxLevel} or more urgent, one page (the REST API's worklist). */
    public static WorklistFilter upTo(int maxLevel, int limit, int offset) {
        return new WorklistFilter(0, 0, "", "", Optional.empty(), Optional.empty(), Optional.of(maxLevel), "", limit,
                offset);
    }
}
