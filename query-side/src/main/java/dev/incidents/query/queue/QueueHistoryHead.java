package dev.incidents.query.queue;

import java.time.Instant;

import org.springframework.data.annotation.Id;

import dev.incidents.query.incident.ProjectedIncident;

/**
 * The latest state of one incident in the queue history, stored in {@link QueueHistoryCollection#HEADS}: the incident
 * after its last applied event and where its open periods start on each time axis. Each start is the latest event
 * time so far, so the periods of an incident follow one another even when its event times go back.
 */
class QueueHistoryHead {

    @Id
    private String incidentId;
    private ProjectedIncident incident;
    private Instant businessFrom;
    private Instant recordedFrom;

    /** Used by Spring Data to read stored documents. */
    protected QueueHistoryHead() {
    }

    QueueHistoryHead(ProjectedIncident incident) {
        this.incidentId = incident.incidentId();
        this.incident = incident;
    }

    ProjectedIncident incident() {
        return incident;
    }

    Instant businessFrom() {
        return businessFrom;
    }

    Instant recordedFrom() {
        return recordedFrom;
    }

    /** Moves the start of the open periods to the event times, unless an earlier event was later on that axis. */
    void advance(Instant occurredAt, Instant recordedAt) {
        businessFrom = later(businessFrom, occurredAt);
        recordedFrom = later(recordedFrom, recordedAt);
    }

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }
}
