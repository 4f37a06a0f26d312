package dev.incidents.command.importer;

import java.util.List;
import java.util.Map;

/**
 * Comparison of an import's reassignments and reopens with the counters the source log keeps per incident.
 *
 * @param incidents incidents compared
 * @param sourceReassignments sum of the source's {@code reassignment_count} over the incidents' last rows
 * @param importedReassignments reassignments the import recorded in the compared incidents
 * @param reassignmentCountMatches incidents whose imported reassignments equal the source's count
 * @param reassignmentCountMismatches incidents whose counts differ, by reason
 * @param sourceReopens sum of the source's {@code reopen_count} over the incidents' last rows
 * @param importedReopens reopens the import recorded in the compared incidents
 * @param firstMismatches the differing incidents with the lowest ids, at most ten
 */
public record SourceCounterReport(
        long incidents,
        long sourceReassignments,
        long importedReassignments,
        long reassignmentCountMatches,
        Map<String, Long> reassignmentCountMismatches,
        long sourceReopens,
        long importedReopens,
        long reopenCountMatches,
        Map<String, Long> reopenCountMismatches,
        List<CountMismatch> firstMismatches) {
}
