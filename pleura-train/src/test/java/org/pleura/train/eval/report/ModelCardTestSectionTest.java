package org.pleura.train.eval.report;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ModelCardTestSectionTest {

    @Test
    void theTestSectionIsReplacedBetweenItsHeadingAndTheNextOne() {
        String card = "# m\n\n## Validation metrics\n\nval\n\n## Test metrics\n\nold text\n\n## Limitations\n\n- one\n";
        String out = ModelCardTestSection.replace(card, "## Test metrics\n\nnew text\n\n");
        assertEquals("# m\n\n## Validation metrics\n\nval\n\n## Test metrics\n\nnew text\n\n## Limitations\n\n- one\n", out);
        assertFalse(out.contains("old text"));
        String appended = ModelCardTestSection.replace("# m\n\n## Limitations\n", "## Test metrics\n\nx\n");
        assertTrue(appended.endsWith("## Limitations\n\n## Test metrics\n\nx\n"), appended);
    }
}
