package dev.incidents.command.importer;

import java.util.Map;

/**
 * Progress and outcome of an import, as the API returns it.
 *
 * @param totalRecords records in the file, counted before the import starts
 * @param sourceRecords records handled so far; when COMPLETED it equals applied plus skipped plus rejected
 * @param recordsPerSecond records handled per second since the start
 * @param secondsLeft estimate from the current rate
 * @param startedBy the user who started the import
 * @param sourceCounters how the import's reassignments and reopens compare with the source's own counters; null
 *                       for formats without them
 */
public record ImportProgress(
        String importId,
        String format,
        String state,
        long totalRecords,
        long sourceRecords,
        long appliedRecords,
        Map<String, Long> skippedRecords,
        Map<String, Long> rejectedRecords,
        long incidents,
        double recordsPerSecond,
        double percentComplete,
        Double secondsLeft,
        double elapsedSeconds,
        boolean reopenAfterClosure,
        String startedBy,
        SourceCounterReport sourceCounters,
        String error) {
}
