package org.pleura.server.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.pleura.server.auth.Access;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.QueryParams;
import org.pleura.server.http.RouteTable;
import org.pleura.server.worklist.TriageLevel;
import org.pleura.server.worklist.Worklist;
import org.pleura.server.worklist.WorklistEntry;
import org.pleura.server.worklist.WorklistFilter;

/**
 * {@code GET /api/reading/worklist} ({@link Worklist} with the page's filters: {@code from}, {@code to}
 * (epoch ms of the arrival), {@code finding}, {@code call}, {@code reviewed} ({@code yes}/{@code no}),
 * {@code level}, {@code q}, {@code limit}, {@code offset}), {@code GET /api/reading/events} (live updates) and
 * {@code GET /api/catalogue} (the model's findings in both languages).
 */
public final class WorklistApi {

    private final Worklist worklist;
    private final WorklistEvents events;
    private final ModelCatalogue catalogue;
    private final Duration maxWait;
    private final LongSupplier clock;

    public WorklistApi(Worklist worklist, WorklistEvents events, ModelCatalogue catalogue, Duration maxWait,
                       LongSupplier clock) {
        this.worklist = worklist;
        this.events = events;
        this.catalogue = catalogue;
        this.maxWait = maxWait;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RouteTable routes) {
        routes.get("/api/reading/worklist", Access.READ, this::list)
                .get("/api/reading/events", Access.READ, false, events.handler())
                .get("/api/catalogue", Access.READ, false, ctx -> ctx.json(catalogue.view()));
    }

    private void list(Context ctx) {
        WorklistFilter f;
        try {
            Optional<Integer> level = Optional.empty();
            String l = QueryParams.text(ctx, "level");
            if (!l.isEmpty()) {
                try {
                    level = Optional.of(TriageLevel.valueOf(l.toUpperCase(Locale.ROOT)).rank());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("level must be urgent_positive, doubtful, follow_up or routine");
                }
            }
            String r = QueryParams.text(ctx, "reviewed");
            Optional<Boolean> reviewed = switch (r) {
                case "" -> Optional.empty();
                case "yes", "true" -> Optional.of(true);
                case "no", "false" -> Optional.of(false);
                default -> throw new IllegalArgumentException("reviewed must be yes or no");
            };
            f = new WorklistFilter(QueryParams.whole(ctx, "from", 0), QueryParams.whole(ctx, "to", 0),
                    QueryParams.text(ctx, "finding"), QueryParams.text(ctx, "call"), reviewed, level, Optional.empty(),
                    QueryParams.text(ctx, "q"), QueryParams.wholeInt(ctx, "limit", 100),
                    QueryParams.wholeInt(ctx, "offset", 0));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        long now = clock.getAsLong();
        List<Map<String, Object>> studies = new ArrayList<>();
        int position = f.offset();
        for (WorklistEntry e : worklist.page(f, now - maxWait.toMillis(), catalogue.ids())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("position", ++position);
            m.put("studyInstanceUid", e.studyUid());
            m.put("patientName", e.patientName());
            m.put("patientId", e.patientId());
            m.put("patientBirthDate", e.birthDate());
            m.put("patientSex", e.sex());
            m.put("studyDate", e.studyDate());
            m.put("studyTime", e.studyTime());
            m.put("accessionNumber", e.accessionNumber());
            m.put("studyDescription", e.description());
            m.put("receivedAt", Instant.ofEpochMilli(e.receivedAt()).toString());
            m.put("waitingMinutes", Math.max(0, (now - e.receivedAt()) / 60_000));
            m.put("level", TriageLevel.ofRank(e.level()).jsonName());
            m.put("overdue", e.overdue());
            List<Map<String, Object>> calls = new ArrayList<>();
            for (WorklistEntry.Call c : e.calls()) {
                calls.add(Map.of("finding", c.findingId(), "call", c.call(), "score", c.score()));
            }
            m.put("calls", calls);
            m.put("images", e.images());
            m.put("reviewed", e.reviewed());
            m.put("reviewers", e.reviewers());
            studies.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generatedAt", Instant.ofEpochMilli(now).toString());
        out.put("maxWaitMinutes", maxWait.toMinutes());
        out.put("total", worklist.count(f));
        out.put("stamp", worklist.stamp());
        out.put("studies", studies);
        ctx.json(out);
    }
}
