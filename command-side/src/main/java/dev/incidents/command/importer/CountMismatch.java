package dev.incidents.command.importer;

/**
 * An incident whose imported counter differs from the source log's own.
 *
 * @param counter the source column, {@code reassignment_count} or {@code reopen_count}
 */
public record CountMismatch(String incidentId, String counter, int source, int imported, String reason) {
}
