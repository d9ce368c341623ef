package org.pleura.server.rest;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.pleura.server.auth.Access;
import org.pleura.server.http.Formats;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.QueryParams;
import org.pleura.server.http.RouteTable;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;
import org.pleura.server.worklist.TriageLevel;
import org.pleura.server.worklist.Worklist;
import org.pleura.server.worklist.WorklistEntry;
import org.pleura.server.worklist.WorklistFilter;

/**
 * {@code GET /api/worklist}: the studies in the order of {@link Worklist} (the reading room's rule), optionally only
 * those at {@code level} or more urgent, one page ({@code limit}, {@code offset}); each study with its position,
 * level, overdue flag, waiting time, the findings that set its level, its calls and its analyses by state. A page
 * costs five queries whatever its size.
 */
final class WorklistResource {

    /** Shown with every worklist. */
    static final String DISCLAIMER = "Pleura is an aid to the reader, not a diagnosis.";

    private final Worklist worklist;
    private final Queries queries;
    private final Duration maxWait;
    private final LongSupplier clock;
    private final Supplier<List<String>> findingOrder;

    WorklistResource(Worklist worklist, Queries queries, Duration maxWait, LongSupplier clock,
                     Supplier<List<String>> findingOrder) {
        this.worklist = worklist;
        this.queries = queries;
        this.maxWait = maxWait;
        this.clock = clock;
        this.findingOrder = findingOrder;
    }

    void register(RouteTable routes) {
        routes.get("/api/worklist", Access.READ, this::worklist);
    }

    private void worklist(Context ctx) {
        int limit = QueryParams.wholeInt(ctx, "limit", 100);
        int offset = QueryParams.wholeInt(ctx, "offset", 0);
        if (limit < 1 || limit > WorklistFilter.MAX_LIMIT || offset < 0) {
            throw ProblemException.badRequest("limit must be 1-" + WorklistFilter.MAX_LIMIT + " and offset >= 0");
        }
        int maxLevel = TriageLevel.ROUTINE.rank();
        String level = QueryParams.text(ctx, "level");
        if (!level.isEmpty()) {
            try {
                maxLevel = TriageLevel.valueOf(level.toUpperCase(Locale.ROOT)).rank();
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("level must be one of urgent_positive, doubtful, follow_up, routine");
            }
        }
        long now = clock.getAsLong();
        List<WorklistEntry> page = worklist.page(WorklistFilter.upTo(maxLevel, limit, offset),
                now - maxWait.toMillis(), findingOrder.get());
        Map<Long, Rows.Study> studies = queries.studiesByKey(page.stream().map(WorklistEntry::studyPk).toList());
        List<Map<String, Object>> out = new ArrayList<>();
        int position = offset;
        for (WorklistEntry e : page) {
            Rows.Study s = studies.get(e.studyPk());
            if (s == null) {
                continue; // deleted between the two reads
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("position", ++position);
            m.put("level", TriageLevel.ofRank(e.level()).jsonName());
            m.put("overdue", e.overdue());
            m.put("waitingMinutes", Math.max(0, (now - e.receivedAt()) / 60_000));
            m.put("findings", s.triageFindings());
            m.putAll(Views.study(s));
            m.put("calls", e.calls().stream()
                    .map(c -> Map.of("finding", c.findingId(), "call", c.call(), "score", c.score())).toList());
            m.put("analyses", e.images());
            m.put("reviewed", e.reviewed());
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generatedAt", Formats.time(now));
        body.put("maxWaitMinutes", maxWait.toMinutes());
        body.put("order", "overdue studies not yet reviewed first (oldest first), then urgent_positive, doubtful, "
                + "follow_up, routine; oldest first within a level");
        body.put("studies", out);
        body.put("disclaimer", DISCLAIMER);
        ctx.json(body);
    }
}
