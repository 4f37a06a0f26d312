package dev.incidents.command.cli;

import java.util.Map;

/**
 * Body of {@code GET /api/imports/{importId}} on the command side. Counters that the server has not filled in yet
 * are null.
 *
 * @param sourceRecords records read from the file so far
 * @param skippedRecords records that led to no command, by reason
 * @param rejectedRecords records whose command failed, by reason
 * @param incidents incidents that this import reported
 * @param sourceCounters how the import's counters compare with the source log's own; null for logs without them
 */
record ImportStatus(
        String importId,
        String format,
        String state,
        Long totalRecords,
        Long sourceRecords,
        Long appliedRecords,
        Map<String, Long> skippedRecords,
        Map<String, Long> rejectedRecords,
        Long incidents,
        Double recordsPerSecond,
        Double percentComplete,
        Double secondsLeft,
        Double elapsedSeconds,
        SourceCounters sourceCounters,
        String error) {

    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";

    boolean isCompleted() {
        return COMPLETED.equals(state);
    }

    boolean isFailed() {
        return FAILED.equals(state);
    }
}
