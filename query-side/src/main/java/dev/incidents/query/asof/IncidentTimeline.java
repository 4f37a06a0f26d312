package dev.incidents.query.asof;

import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.query.access.IncidentAccess;
import dev.incidents.query.access.Rejections;
import dev.incidents.query.access.Visibility;
import dev.incidents.query.incident.ProjectedIncident;
import dev.incidents.query.web.IncidentNotFoundException;

/**
 * Reads one incident from the event store as it was at an instant, for a caller. Whether the caller may read it is
 * decided on the incident's current values, as the live endpoints decide it, so an earlier instant never opens an
 * incident that the caller may not read today.
 */
@Component
public class IncidentTimeline {

    private final IncidentEventStore eventStore;

    IncidentTimeline(IncidentEventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * The events of one incident up to an instant, the incident folded from them, and how much of it the caller
     * may read.
     *
     * @param asOf null for the current state
     */
    public record Snapshot(IncidentId incidentId, AsOf asOf, List<StoredIncidentEvent> events,
                           ProjectedIncident incident, IncidentAccess access) {
    }

    /**
     * Returns the incident as it was at {@code asOf}, or as it is now when {@code asOf} is null.
     *
     * @throws IncidentNotFoundException when the store has no events of the incident and the caller may learn that,
     *                                   or when the incident was not yet reported at {@code asOf}
     * @throws org.axonframework.queryhandling.QueryExecutionException with a rejection when the caller may not read
     *                                                                 the incident
     */
    public Snapshot read(IncidentId incidentId, Caller caller, AsOf asOf) {
        Visibility visibility = Visibility.of(caller);
        List<StoredIncidentEvent> events = eventStore.events(incidentId.value());
        if (events.isEmpty()) {
            if (visibility.mayLearnExistence()) {
                throw new IncidentNotFoundException(incidentId, "No incident with id '" + incidentId
                        + "' exists in the event store.");
            }
            throw Rejections.rejectIncident(visibility, incidentId.value());
        }

        ProjectedIncident current = fold(incidentId, events);
        IncidentAccess access = visibility.accessTo(current);
        if (access == IncidentAccess.NONE) {
            throw Rejections.rejectIncident(visibility, incidentId.value());
        }
        if (asOf == null) {
            return new Snapshot(incidentId, null, events, current, access);
        }

        List<StoredIncidentEvent> prefix = asOf.prefix(events);
        if (prefix.isEmpty()) {
            throw new IncidentNotFoundException(incidentId, "Incident '" + incidentId + "' was not reported yet at "
                    + asOf.instant() + " by " + asOf.axis().name().toLowerCase(Locale.ROOT) + " time: its first event "
                    + (asOf.axis() == TimeAxis.RECORDED ? "was recorded at " + events.get(0).recordedAt()
                    : "occurred at " + events.get(0).event().occurredAt()) + ". Use an asOf at or after that time.");
        }
        return new Snapshot(incidentId, asOf, prefix, fold(incidentId, prefix), access);
    }

    /** Folds the events with the code of the summary projection, so the figures match the live read model. */
    private static ProjectedIncident fold(IncidentId incidentId, List<StoredIncidentEvent> events) {
        ProjectedIncident incident = ProjectedIncident.unreported(incidentId);
        for (StoredIncidentEvent stored : events) {
            incident.apply(stored.event(), stored.sequenceNumber());
        }
        return incident;
    }
}
