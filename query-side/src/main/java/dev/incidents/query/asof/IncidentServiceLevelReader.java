package dev.incidents.query.asof;

import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import dev.incidents.access.problem.Problems;
import dev.incidents.api.access.Caller;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.sla.ServiceLevelClock;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.access.IncidentAccess;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * Computes the service level state of one incident from its events: a {@link ServiceLevelClock} built from the
 * terms its {@link IncidentReported} recorded, fed the events up to the instant and read at it.
 */
@Component
class IncidentServiceLevelReader {

    /** The incident recorded no service level terms, as reports from before the terms existed did not (HTTP 404). */
    static final String NO_SERVICE_LEVEL_TERMS = "NO_SERVICE_LEVEL_TERMS";

    private final IncidentTimeline timeline;

    IncidentServiceLevelReader(IncidentTimeline timeline) {
        this.timeline = timeline;
    }

    /**
     * Returns the clocks read at {@code asOf}, or at the time of the latest event the caller may see when
     * {@code asOf} is null. Internal work notes change no clock, so a requester's clocks are fed without them and
     * their times stay hidden.
     */
    ServiceLevelState read(IncidentId incidentId, Caller caller, AsOf asOf) {
        IncidentTimeline.Snapshot snapshot = timeline.read(incidentId, caller, asOf);
        IncidentReported reported = (IncidentReported) snapshot.events().get(0).event();
        ServiceLevelTerms terms = reported.serviceLevel();
        if (terms == null) {
            ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, NO_SERVICE_LEVEL_TERMS,
                    "No service level terms", "Incident '" + incidentId + "' recorded no service level terms when "
                            + "it was reported, so it has no service level clocks.");
            problem.setProperty("incidentId", incidentId.value());
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        }

        ServiceLevelClock clock = new ServiceLevelClock(terms);
        boolean customer = snapshot.access() == IncidentAccess.CUSTOMER;
        Instant lastEventAt = null;
        for (StoredIncidentEvent stored : snapshot.events()) {
            if (customer && ProjectedIncident.isInternalNote(stored.event())) {
                continue;
            }
            clock.apply(stored.event());
            Instant occurredAt = stored.event().occurredAt();
            lastEventAt = lastEventAt == null || occurredAt.isAfter(lastEventAt) ? occurredAt : lastEventAt;
        }

        // On the recording axis an event may carry a business time slightly after the instant, and clocks cannot be
        // read before their last event.
        Instant readAt = asOf == null || asOf.instant().isBefore(lastEventAt) ? lastEventAt : asOf.instant();
        long version = snapshot.events().get(snapshot.events().size() - 1).sequenceNumber();
        return new ServiceLevelState(incidentId.value(), asOf == null ? TimeAxis.BUSINESS : asOf.axis(), version,
                clock.readingAt(readAt));
    }
}
