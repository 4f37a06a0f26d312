package dev.incidents.command.importer;

import java.util.List;

/** All records of one incident (a trace in XES terms), in the order of the log. */
record SourceTrace(String incidentId, List<SourceRecord> records) {
}
