package dev.incidents.api.incident;

import java.time.Instant;

/**
 * Every event of an incident carries its id, the actor and the business time at which it happened. The
 * recording time is the event message's own timestamp.
 */
public sealed interface IncidentEvent permits
        IncidentReported,
        IncidentClassified,
        IncidentAssigned,
        AssignmentAccepted,
        IncidentReassigned,
        IncidentReturnedToServiceDesk,
        AssignmentReleased,
        WorkNoteAdded,
        IncidentPended,
        IncidentResumed,
        IncidentEscalated,
        IncidentResolved,
        ResolutionRejected,
        IncidentReopened,
        IncidentClosed,
        IncidentClosureRevoked,
        IncidentCancelled,
        OwnershipTransferred,
        ResolutionPromised,
        ServiceLevelWarningRaised,
        ServiceLevelBreached {

    IncidentId incidentId();

    Actor actor();

    Instant occurredAt();
}
