package org.pleura.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.zip.ZipOutputStream;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditTrail;
import org.pleura.server.auth.Access;
import org.pleura.server.auth.Principal;
import org.pleura.server.auth.api.Callers;
import org.pleura.server.feedback.Agreement;
import org.pleura.server.feedback.Box;
import org.pleura.server.feedback.ExportSink;
import org.pleura.server.feedback.ExportSummary;
import org.pleura.server.feedback.FeedbackExport;
import org.pleura.server.feedback.FeedbackItem;
import org.pleura.server.feedback.FeedbackKind;
import org.pleura.server.feedback.FeedbackStore;
import org.pleura.server.http.JsonBody;
import org.pleura.server.http.ProblemException;
import org.pleura.server.http.RouteTable;
import org.pleura.server.store.Queries;
import org.pleura.server.store.Rows;

/**
 * Feedback over HTTP:
 * <ul>
 *   <li>{@code POST /api/reading/instances/{instance}/verdicts} {@code {"finding", "verdict": "agree"|"disagree"|"none"}}
 *       (radiologists);</li>
 *   <li>{@code POST /api/reading/instances/{instance}/marks} {@code {"finding", "x", "y", "w", "h"}}: a missed finding
 *       (radiologists);</li>
 *   <li>{@code POST /api/reading/marks/{mark}/withdraw}: withdraws one's own missed finding (radiologists);</li>
 *   <li>{@code GET /api/feedback/agreement}: agreement per finding and call (admins);</li>
 *   <li>{@code GET /api/feedback/export.zip}: the training export (admins).</li>
 * </ul>
 * Each answer of the first three is the image's live feedback; every change is in the audit trail.
 */
public final class FeedbackApi {

    private final FeedbackStore store;
    private final Queries queries;
    private final AuditTrail audit;
    private final Supplier<List<String>> findingOrder;
    private final Predicate<String> knownFinding;
    private final Supplier<FeedbackExport> export;
    private final LongSupplier clock;

    /**
     * @param findingOrder the catalogue's finding ids, in order
     * @param knownFinding true for a finding id feedback may name
     * @param export       makes the exporter
     */
    public FeedbackApi(FeedbackStore store, Queries queries, AuditTrail audit, Supplier<List<String>> findingOrder,
                       Predicate<String> knownFinding, Supplier<FeedbackExport> export, LongSupplier clock) {
        this.store = store;
        this.queries = queries;
        this.audit = audit;
        this.findingOrder = findingOrder;
        this.knownFinding = knownFinding;
        this.export = export;
        this.clock = clock;
    }

    /** Registers the routes. */
    public void register(RouteTable routes) {
        routes.post("/api/reading/instances/{instance}/verdicts", Access.FEEDBACK, this::verdict)
                .post("/api/reading/instances/{instance}/marks", Access.FEEDBACK, this::mark)
                .post("/api/reading/marks/{mark}/withdraw", Access.FEEDBACK, this::withdraw)
                .get("/api/feedback/agreement", Access.ADMIN, this::agreement)
                .get("/api/feedback/export.zip", Access.ADMIN, this::exportZip);
    }

    private void verdict(Context ctx) {
        Principal.Person p = Callers.person(ctx);
        Rows.Instance image = image(ctx);
        JsonBody body = JsonBody.of(ctx);
        String finding = finding(body);
        String v = body.requireText("verdict");
        FeedbackKind kind = switch (v) {
            case "agree" -> FeedbackKind.AGREE;
            case "disagree" -> FeedbackKind.DISAGREE;
            case "none" -> null;
            default -> throw ProblemException.badRequest("verdict must be agree, disagree or none");
        };
        Optional<FeedbackItem> item;
        try {
            item = store.verdict(image.pk(), p.user().pk(), finding, kind, clock.getAsLong());
        } catch (IllegalStateException e) {
            throw new ProblemException(409, "not-analysed", e.getMessage());
        }
        audit.record(Callers.auditEntry(ctx, AuditAction.FEEDBACK_VERDICT, image.sopUid(), finding + ": "
                + (kind == null ? "opinion withdrawn" : kind.code() + item.flatMap(FeedbackItem::modelCall)
                .map(c -> " with " + c + " call").orElse(""))));
        ctx.json(live(image, p));
    }

    private void mark(Context ctx) {
        Principal.Person p = Callers.person(ctx);
        Rows.Instance image = image(ctx);
        JsonBody body = JsonBody.of(ctx);
        String finding = finding(body);
        Box box;
        try {
            box = new Box(body.requireNumber("x"), body.requireNumber("y"), body.requireNumber("w"),
                    body.requireNumber("h"));
            box = box.clippedTo(image.columns() > 0 ? image.columns() : Integer.MAX_VALUE,
                    image.rows() > 0 ? image.rows() : Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        FeedbackItem item;
        try {
            item = store.addMark(image.pk(), p.user().pk(), finding, box, clock.getAsLong());
        } catch (IllegalStateException e) {
            throw new ProblemException(409, "not-analysed", e.getMessage());
        }
        audit.record(Callers.auditEntry(ctx, AuditAction.FEEDBACK_MARK, image.sopUid(), finding + ": added as missed, box "
                + Math.round(box.x()) + "," + Math.round(box.y()) + " " + Math.round(box.w()) + "x"
                + Math.round(box.h()) + " (mark " + item.id() + ")"));
        ctx.status(201).json(live(image, p));
    }

    private void withdraw(Context ctx) {
        Principal.Person p = Callers.person(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("mark"));
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("mark ids are numbers");
        }
        FeedbackItem item = store.withdrawMark(id, p.user().pk(), clock.getAsLong()).orElseThrow(() ->
                ProblemException.notFound("no missed finding " + id + " of yours to withdraw"));
        String sop = sopOf(item.instancePk());
        audit.record(Callers.auditEntry(ctx, AuditAction.FEEDBACK_MARK_WITHDRAW, sop, item.findingId()
                + ": missed finding withdrawn (mark " + id + ")"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feedback", views(store.live(item.instancePk()), p));
        ctx.json(m);
    }

    private void agreement(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Agreement a : Agreement.of(store.allLive(), findingOrder.get())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("finding", a.findingId());
            Map<String, Object> calls = new LinkedHashMap<>();
            a.byCall().forEach((call, c) -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("agreed", c.agreed());
                v.put("disagreed", c.disagreed());
                v.put("rate", Double.isNaN(c.rate()) ? null : c.rate());
                calls.put(call, v);
            });
            m.put("calls", calls);
            m.put("agreed", a.agreed());
            m.put("disagreed", a.disagreed());
            m.put("rate", Double.isNaN(a.rate()) ? null : a.rate());
            m.put("added", a.added());
            out.add(m);
        }
        ctx.json(Map.of("findings", out));
    }

    private void exportZip(Context ctx) throws IOException {
        String name = "pleura-feedback-" + LocalDate.ofInstant(Instant.ofEpochMilli(clock.getAsLong()), ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE)
                + ".zip";
        ctx.contentType("application/zip");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ExportSummary summary;
        try (ZipOutputStream zip = ExportSink.zipStream(ctx.outputStream())) {
            summary = export.get().write(ExportSink.zip(zip));
        }
        audit.record(Callers.auditEntry(ctx, AuditAction.EXPORT_FEEDBACK, name, "download from the admin page: "
                + summary.describe()));
    }

    // ---------------------------------------------------------------- helpers

    private Rows.Instance image(Context ctx) {
        String uid = ctx.pathParam("instance");
        Rows.Instance i = queries.instance(uid).orElseThrow(() -> ProblemException.notFound("no instance " + uid));
        if (i.derivedFromPk() != 0) {
            throw ProblemException.badRequest("feedback is given on the analysed image, not on a result object");
        }
        return i;
    }

    private String finding(JsonBody body) {
        String id = body.requireText("finding").strip();
        if (!knownFinding.test(id)) {
            throw ProblemException.badRequest("'" + id + "' is not a finding of the model's catalogue");
        }
        return id;
    }

    private String sopOf(long instancePk) {
        return store.sopUid(instancePk).orElse("instance " + instancePk);
    }

    private Map<String, Object> live(Rows.Instance image, Principal.Person p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sopInstanceUid", image.sopUid());
        m.put("feedback", views(store.live(image.pk()), p));
        return m;
    }

    /** Live feedback of an image as JSON; {@code mine} marks the caller's own. */
    public static List<Map<String, Object>> views(List<FeedbackItem> items, Principal.Person viewer) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FeedbackItem f : items) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("username", f.username());
            m.put("displayName", f.displayName());
            m.put("mine", viewer != null && viewer.user().username().equals(f.username()));
            m.put("finding", f.findingId());
            m.put("kind", f.kind().code());
            m.put("modelCall", f.modelCall().orElse(null));
            m.put("modelScore", f.modelScore().orElse(null));
            m.put("box", f.box().map(b -> Map.of("x", b.x(), "y", b.y(), "w", b.w(), "h", b.h())).orElse(null));
            m.put("createdAt", java.time.Instant.ofEpochMilli(f.createdAt()).toString());
            out.add(m);
        }
        return out;
    }
}
