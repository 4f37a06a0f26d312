package dev.incidents.command.importer;

import java.time.Instant;

/**
 * One record of a BPIC 2013 style log: the incident's status and sub status after a change, who made it, in which
 * support team, and when.
 *
 * @param index position of the record within its trace, from 0
 */
record SourceRecord(int index, String status, String subStatus, String team, String resource, Instant timestamp,
                    String impact, String product) {

    String statusLabel() {
        return status + "/" + subStatus;
    }
}
