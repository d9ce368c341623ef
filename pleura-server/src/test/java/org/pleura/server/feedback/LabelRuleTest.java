package org.pleura.server.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelRuleTest {

    @Test
    void opinionsBecomeLabels() {
        assertEquals(Optional.of(1), LabelRule.label(FeedbackKind.AGREE, Optional.of("positive")));
        assertEquals(Optional.of(0), LabelRule.label(FeedbackKind.DISAGREE, Optional.of("positive")));
        assertEquals(Optional.of(0), LabelRule.label(FeedbackKind.AGREE, Optional.of("negative")));
        assertEquals(Optional.of(1), LabelRule.label(FeedbackKind.DISAGREE, Optional.of("negative")));
        assertEquals(Optional.empty(), LabelRule.label(FeedbackKind.AGREE, Optional.of("doubtful")));
        assertEquals(Optional.empty(), LabelRule.label(FeedbackKind.DISAGREE, Optional.of("doubtful")));
        assertEquals(Optional.of(1), LabelRule.label(FeedbackKind.ADDED, Optional.empty()));
    }

    @Test
    void readersWhoContradictEachOtherLeaveTheLabelUnknown() {
        assertEquals(Optional.of(1), LabelRule.combine(List.of(1, 1)));
        assertEquals(Optional.of(0), LabelRule.combine(List.of(0)));
        assertEquals(Optional.empty(), LabelRule.combine(List.of(1, 0)));
        assertEquals(Optional.empty(), LabelRule.combine(List.of()));
    }

    @Test
    void agreementCountsPerCall() {
        List<FeedbackItem> items = List.of(
                item("ptx", FeedbackKind.AGREE, "positive"), item("ptx", FeedbackKind.DISAGREE, "positive"),
                item("ptx", FeedbackKind.AGREE, "negative"), item("nod", FeedbackKind.ADDED, "negative"));
        List<Agreement> a = Agreement.of(items, List.of("nod", "ptx", "eff"));
        assertEquals(List.of("nod", "ptx", "eff"), a.stream().map(Agreement::findingId).toList());
        Agreement ptx = a.get(1);
        assertEquals(new Agreement.Counts(1, 1), ptx.byCall().get("positive"));
        assertEquals(new Agreement.Counts(1, 0), ptx.byCall().get("negative"));
        assertEquals(2.0 / 3, ptx.rate(), 1e-9);
        assertEquals(1, a.get(0).added());
        assertEquals(Double.NaN, a.get(2).rate());
    }

    private static FeedbackItem item(String finding, FeedbackKind kind, String call) {
        return new FeedbackItem(1, 1, "u", "U", finding, kind, "m", Optional.of(call), Optional.of(0.5),
                kind == FeedbackKind.ADDED ? Optional.of(new Box(1, 2, 3, 4)) : Optional.empty(), 0);
    }
}
