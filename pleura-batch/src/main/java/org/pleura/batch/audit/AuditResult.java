package org.pleura.batch.audit;

import java.util.List;

/**
 * What an audit found.
 *
 * @param discordances  every discordant image and finding, by finding then rank
 * @param tallies       per finding
 * @param labelRows     rows of the labels file
 * @param matchedRows   rows that matched an analysed image of the batch
 */
public record AuditResult(List<Discordance> discordances, List<FindingTally> tallies, long labelRows, long matchedRows) {

    public AuditResult {
        discordances = List.copyOf(discordances);
        tallies = List.copyOf(tallies);
    }
}
