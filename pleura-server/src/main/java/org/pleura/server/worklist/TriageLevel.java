package org.pleura.server.worklist;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.Call;
import org.pleura.model.result.FindingResult;
import org.pleura.model.catalogue.Urgency;

/**
 * Worklist levels, most urgent first. The level of an analysis:
 * <ol start="0">
 *   <li>{@link #URGENT_POSITIVE}: a finding whose catalogue urgency is {@code urgent} is called positive;</li>
 *   <li>{@link #DOUBTFUL}: else, an urgent finding is called doubtful;</li>
 *   <li>{@link #FOLLOW_UP}: else, a {@code follow_up} finding is called positive or doubtful;</li>
 *   <li>{@link #ROUTINE}: everything else (routine findings, negative calls, images not analysed or refused).</li>
 * </ol>
 */
public enum TriageLevel {
    URGENT_POSITIVE, DOUBTFUL, FOLLOW_UP, ROUTINE;

    /** The number stored in the database (0 most urgent). */
    public int rank() {
        return ordinal();
    }

    /** The level stored as {@code rank}. */
    public static TriageLevel ofRank(int rank) {
        TriageLevel[] v = values();
        return rank >= 0 && rank < v.length ? v[rank] : ROUTINE;
    }

    /** Lower-case name for JSON, e.g. {@code urgent_positive}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The level of one analysis and the findings that set it.
     *
     * @param level    the level
     * @param findings e.g. {@code ["pneumothorax positive"]}; empty for routine
     */
    public record Triage(TriageLevel level, List<String> findings) {
        public Triage {
            findings = List.copyOf(findings);
        }

        /** The findings as one line, e.g. "pneumothorax positive, effusion positive". */
        public String summary() {
            return String.join(", ", findings);
        }
    }

    /** The triage of an analysis, from the urgency of each finding in its catalogue. */
    public static Triage of(Analysis analysis) {
        TriageLevel best = ROUTINE;
        List<String> why = new ArrayList<>();
        for (FindingResult r : analysis.results()) {
            TriageLevel l = levelOf(r.finding().urgency(), r.call());
            if (l.ordinal() < best.ordinal()) {
                best = l;
                why.clear();
            }
            if (l == best && l != ROUTINE) {
                why.add(r.finding().id() + " " + r.call().jsonName());
            }
        }
        return new Triage(best, why);
    }

    static TriageLevel levelOf(Urgency urgency, Call call) {
        if (!call.flags()) {
            return ROUTINE;
        }
        return switch (urgency) {
            case URGENT -> call == Call.POSITIVE ? URGENT_POSITIVE : DOUBTFUL;
            case FOLLOW_UP -> FOLLOW_UP;
            case ROUTINE -> ROUTINE;
        };
    }
}
