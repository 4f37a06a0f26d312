package dev.incidents.query.audit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.query.AuditEntry;
import dev.incidents.query.access.IncidentAccess;
import dev.incidents.query.asof.AsOf;
import dev.incidents.query.asof.IncidentTimeline;
import dev.incidents.query.asof.StoredIncidentEvent;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * Builds the audit trail of one incident as it stood at an instant, from the event store, with the entries the audit
 * trail projection would have held then.
 */
@Component
class AuditTrailAsOf {

    private final IncidentTimeline timeline;

    AuditTrailAsOf(IncidentTimeline timeline) {
        this.timeline = timeline;
    }

    /** Returns the entries of the events up to {@code asOf}, in sequence order, as the caller may see them. */
    List<AuditEntry> history(IncidentId incidentId, Caller caller, AsOf asOf) {
        IncidentTimeline.Snapshot snapshot = timeline.read(incidentId, caller, asOf);

        ProjectedIncident incident = ProjectedIncident.unreported(incidentId);
        List<AuditEntry> entries = new ArrayList<>();
        for (StoredIncidentEvent stored : snapshot.events()) {
            entries.add(AuditEntries.apply(incident, stored.event(), stored.sequenceNumber(), stored.eventId(),
                    stored.recordedAt(), stored.metaData()).toAuditEntry(incidentId));
        }
        return snapshot.access() == IncidentAccess.STAFF ? entries : AuditQueryHandler.customerEntries(entries);
    }
}
