package dev.incidents.query.audit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;

import dev.incidents.api.incident.IncidentId;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * The audit trail of one incident in {@code audit_trails}: its entries in sequence order, and the incident's values
 * after the last entry, which are the old values of the next change. Keeping both in one document makes the change
 * of an incident in a processor batch one atomic write.
 *
 * <p>NOTE: the document grows with every event of its incident and is rewritten whole by each batch that changes it.
 * MongoDB rejects documents over 16 MiB, which at the 480 bytes per entry measured for BPIC 2013 (largest trail 87
 * entries, 37 KB) is about 35,000 entries. A larger trail fails to write, and the processor then retries that batch
 * without end.
 */
class AuditTrailDocument {

    @Id
    private String incidentId;
    private ProjectedIncident state;
    private int entryCount;
    private List<AuditEntryDocument> entries = new ArrayList<>();

    /** Used by Spring Data to read stored documents. */
    protected AuditTrailDocument() {
    }

    private AuditTrailDocument(IncidentId incidentId) {
        this.incidentId = incidentId.value();
        this.state = ProjectedIncident.unreported(incidentId);
    }

    /** Creates the empty trail of an incident whose {@code IncidentReported} event comes next. */
    static AuditTrailDocument unreported(IncidentId incidentId) {
        return new AuditTrailDocument(incidentId);
    }

    /** Returns the incident's values after the last entry; applying an event changes them in place. */
    ProjectedIncident state() {
        return state;
    }

    void add(AuditEntryDocument entry) {
        entries.add(entry);
        entryCount = entries.size();
    }

    List<AuditEntryDocument> entries() {
        return entries;
    }
}
