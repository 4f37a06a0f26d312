package dev.incidents.command.cli;

import java.util.Locale;
import java.util.stream.Collectors;

/** Formats counts, durations and the one-line progress of an import or of the query side catching up. */
final class ProgressFormatter {

    private static final String MISSING = "-";

    private ProgressFormatter() {
    }

    /** Formats an import's progress, for example
     * {@code importing: 12,000 of 65,533 records (18.3%), 950 records/s, 57s left}. */
    static String importProgress(ImportStatus status) {
        StringBuilder line = new StringBuilder("importing: ").append(count(status.sourceRecords()));
        if (status.totalRecords() != null && status.totalRecords() > 0) {
            line.append(" of ").append(count(status.totalRecords()));
        }
        line.append(" records");
        if (status.percentComplete() != null) {
            line.append(String.format(Locale.ROOT, " (%.1f%%)", status.percentComplete()));
        }
        if (status.recordsPerSecond() != null) {
            line.append(", ").append(count(Math.round(status.recordsPerSecond()))).append(" records/s");
        }
        if (status.secondsLeft() != null) {
            line.append(", ").append(duration(status.secondsLeft())).append(" left");
        }
        return line.toString();
    }

    /** Formats how far the query side's processors are behind the event store's head. */
    static String projectionProgress(ProjectionStatus status) {
        String processors = status.processorList().stream()
                .map(ProgressFormatter::processorProgress)
                .collect(Collectors.joining(", "));
        return "query side " + (status.isCaughtUp() ? "caught up" : "catching up")
                + " with event store head " + count(status.head())
                + (processors.isEmpty() ? "" : ": " + processors);
    }

    private static String processorProgress(ProjectionStatus.Processor processor) {
        StringBuilder text = new StringBuilder(processor.name()).append(' ').append(count(processor.position()));
        if (processor.lag() != null) {
            text.append(" (lag ").append(count(processor.lag())).append(')');
        }
        if (processor.isFailing()) {
            text.append(" retrying after error: ").append(processor.error() == null ? "unknown" : processor.error());
        }
        return text.toString();
    }

    /** Formats a count with thousands separators, or {@code -} when the server did not send it. */
    static String count(Long value) {
        return value == null ? MISSING : String.format(Locale.ROOT, "%,d", value);
    }

    /** Formats a duration in seconds as {@code 42s}, {@code 3m 05s} or {@code 1h 02m}. */
    static String duration(double seconds) {
        long total = Math.max(0, Math.round(seconds));
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long remainder = total % 60;
        if (hours > 0) {
            return String.format(Locale.ROOT, "%dh %02dm", hours, minutes);
        }
        if (minutes > 0) {
            return String.format(Locale.ROOT, "%dm %02ds", minutes, remainder);
        }
        return remainder + "s";
    }
}
