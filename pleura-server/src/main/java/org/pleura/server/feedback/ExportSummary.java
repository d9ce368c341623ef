package org.pleura.server.feedback;

import java.util.List;

/**
 * What an export wrote.
 *
 * @param images    images in the manifest
 * @param positives labels 1 written
 * @param negatives labels 0 written
 * @param conflicts findings left unknown because readers contradicted each other
 * @param boxes     boxes written
 * @param skipped   images left out, with the reason (no patient data)
 */
public record ExportSummary(int images, int positives, int negatives, int conflicts, int boxes,
                            List<String> skipped) {

    public ExportSummary {
        skipped = List.copyOf(skipped);
    }

    /** One line for a terminal or the audit trail. */
    public String describe() {
        return images + " image(s), " + positives + " positive and " + negatives + " negative labels, " + boxes
                + " boxes, " + conflicts + " findings left unknown (readers disagree)"
                + (skipped.isEmpty() ? "" : ", " + skipped.size() + " images skipped");
    }
}
