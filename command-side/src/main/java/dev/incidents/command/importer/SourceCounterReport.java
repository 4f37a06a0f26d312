package dev.incidents.command.importer;

import java.util.List;
import java.util.Map;

/**
 * Comparison of an import's reassignments and reopens with the counters the source log keeps per incident.
 *
 * @param incidents incidents compared
 * @param sourceReassignments sum of the source's {@code reassignment_count} over the incidents' last rows
 * @param reassignmentCountMatches incidents whose imported reassignments equal the source's count
 * @param reassignmentCountMismatches incidents whose counts differ, by reason
 * @param firstMismatches the differing incidents with the lowest ids, at most ten
 */
public record SourceCounterReport(
        long incidents,
        long sourceReassignments,
        long reassignmentCountMatches,
        Map<String, Long> reassignmentCountMismatches,
        long sourceReopens,
        long reopenCountMatches,
        Map<String, Long> reopenCountMismatches,
        List<CountMismatch> firstMismatches) {
}
