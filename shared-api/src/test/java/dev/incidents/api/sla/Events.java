package dev.incidents.api.sla;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.AssignmentAccepted;
import dev.incidents.api.incident.AssignmentReleased;
import dev.incidents.api.incident.CancelReason;
import dev.incidents.api.incident.EscalationKind;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentAssigned;
import dev.incidents.api.incident.IncidentCancelled;
import dev.incidents.api.incident.IncidentClassified;
import dev.incidents.api.incident.IncidentClosed;
import dev.incidents.api.incident.IncidentEscalated;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentPended;
import dev.incidents.api.incident.IncidentReassigned;
import dev.incidents.api.incident.IncidentReopened;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.IncidentResolved;
import dev.incidents.api.incident.IncidentResumed;
import dev.incidents.api.incident.IncidentReturnedToServiceDesk;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.NoteVisibility;
import dev.incidents.api.incident.PendingReason;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ResolutionPromised;
import dev.incidents.api.incident.ResolutionRejected;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.incident.WorkNoteAdded;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Incident events and a service level policy shared by the clock tests. */
final class Events {

    static final IncidentId ID = new IncidentId("INC-1");
    static final SupportGroupId DESK = new SupportGroupId("service-desk");
    static final SupportGroupId NETWORK = new SupportGroupId("network");
    static final UserId ANNA = new UserId("anna");
    static final Actor ACTOR = Actor.of("anna", "service-desk");

    private Events() {
    }

    /** Policy 1 of "standard": response and resolution targets of 15m/4h, 30m/8h, 2h/24h, 8h/40h, 16h/80h. */
    static ServiceLevelPolicy standardPolicy() {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Priority.class);
        targets.put(Priority.P1_CRITICAL, new ServiceLevelTargets(Duration.ofMinutes(15), Duration.ofHours(4)));
        targets.put(Priority.P2_HIGH, new ServiceLevelTargets(Duration.ofMinutes(30), Duration.ofHours(8)));
        targets.put(Priority.P3_MODERATE, new ServiceLevelTargets(Duration.ofHours(2), Duration.ofHours(24)));
        targets.put(Priority.P4_LOW, new ServiceLevelTargets(Duration.ofHours(8), Duration.ofHours(40)));
        targets.put(Priority.P5_PLANNING, new ServiceLevelTargets(Duration.ofHours(16), Duration.ofHours(80)));
        return new ServiceLevelPolicy("standard", 1, Instant.parse("2025-01-01T00:00:00Z"), targets);
    }

    static IncidentReported reported(Instant at) {
        return reported(Priority.P3_MODERATE, at);
    }

    static IncidentReported reported(Priority priority, Instant at) {
        return new IncidentReported(ID, "VPN down", "No tunnel", ANNA, "network", Impact.MEDIUM, Urgency.MEDIUM,
                priority, DESK, ACTOR, at);
    }

    static IncidentClassified classified(Priority from, Priority to, Instant at) {
        return new IncidentClassified(ID, "network", Impact.HIGH, Urgency.HIGH, to, "network", Impact.MEDIUM,
                Urgency.MEDIUM, from, ACTOR, at);
    }

    /** Returns a policy with the same targets for every priority and the default warning threshold. */
    static ServiceLevelPolicy flatPolicy(Duration response, Duration resolution, Duration supportGroupResponse) {
        Map<Priority, ServiceLevelTargets> targets = new EnumMap<>(Priority.class);
        for (Priority priority : Priority.values()) {
            targets.put(priority, new ServiceLevelTargets(response, resolution, supportGroupResponse));
        }
        return new ServiceLevelPolicy("flat", 1, Instant.parse("2025-01-01T00:00:00Z"), targets);
    }

    static IncidentAssigned assigned(Instant at) {
        return assignedTo(NETWORK, at);
    }

    static IncidentAssigned assignedTo(SupportGroupId group, Instant at) {
        return new IncidentAssigned(ID, group, null, ACTOR, at);
    }

    static AssignmentAccepted accepted(Instant at) {
        return acceptedBy(NETWORK, at);
    }

    static AssignmentAccepted acceptedBy(SupportGroupId group, Instant at) {
        return new AssignmentAccepted(ID, group, ANNA, ACTOR, at);
    }

    static IncidentReassigned reassignedTo(SupportGroupId from, SupportGroupId to, IncidentState previousState,
                                           Instant at) {
        return new IncidentReassigned(ID, from, null, to, null, "other skills needed", previousState, 1, ACTOR, at);
    }

    static IncidentReturnedToServiceDesk returnedToServiceDesk(Instant at) {
        return new IncidentReturnedToServiceDesk(ID, NETWORK, ANNA, DESK, "not a network fault", 1, ACTOR, at);
    }

    static AssignmentReleased releasedBy(SupportGroupId group, IncidentState previousState, Instant at) {
        return new AssignmentReleased(ID, group, ANNA, "on leave", previousState, ACTOR, at);
    }

    static ResolutionPromised promised(Instant promisedFor, Instant at) {
        return new ResolutionPromised(ID, promisedFor, ACTOR, at);
    }

    static ServiceLevelWarningRaised warningRaised(ServiceLevelClockKind clock, SupportGroupId group, Instant at) {
        return new ServiceLevelWarningRaised(ID, clock, group, Priority.P2_HIGH, Duration.ofMinutes(30), "standard",
                1, Actor.rule("standard/v1"), at);
    }

    static ServiceLevelBreached breachRaised(ServiceLevelClockKind clock, SupportGroupId group, Instant at) {
        return new ServiceLevelBreached(ID, clock, group, Priority.P2_HIGH, Duration.ofMinutes(30), "standard", 1,
                Actor.rule("standard/v1"), at);
    }

    static WorkNoteAdded workNote(Instant at) {
        return new WorkNoteAdded(ID, "note-" + at.toEpochMilli(), "checked the gateway", NoteVisibility.INTERNAL, null,
                ACTOR, at);
    }

    static IncidentPended pended(Instant at) {
        return new IncidentPended(ID, PendingReason.CUSTOMER, "waiting for logs", null, ACTOR, at);
    }

    static IncidentResumed resumed(Instant at) {
        return new IncidentResumed(ID, ACTOR, at);
    }

    static IncidentReassigned reassigned(IncidentState previousState, Instant at) {
        return new IncidentReassigned(ID, NETWORK, ANNA, DESK, null, "wrong group", previousState, 1, ACTOR, at);
    }

    static AssignmentReleased released(Instant at) {
        return new AssignmentReleased(ID, NETWORK, ANNA, "on leave", IncidentState.PENDING, ACTOR, at);
    }

    static IncidentEscalated escalatedTo(SupportGroupId group, Instant at) {
        EscalationKind kind = group == null ? EscalationKind.HIERARCHICAL : EscalationKind.FUNCTIONAL;
        return new IncidentEscalated(ID, kind, NETWORK, group, "needs expertise", ACTOR, at);
    }

    static IncidentResolved resolved(Instant at) {
        return new IncidentResolved(ID, "FIXED", "restarted gateway", null, NETWORK, ANNA, ACTOR, at);
    }

    static ResolutionRejected rejected(Instant at) {
        return new ResolutionRejected(ID, "still down", NETWORK, ACTOR, at);
    }

    static IncidentReopened reopened(Instant at) {
        return new IncidentReopened(ID, "down again", NETWORK, IncidentState.CLOSED, 1, ACTOR, at);
    }

    static IncidentClosed closed(Instant at) {
        return new IncidentClosed(ID, 5, null, ACTOR, at);
    }

    static IncidentCancelled cancelled(Instant at) {
        return new IncidentCancelled(ID, CancelReason.WITHDRAWN_BY_REQUESTER, null, IncidentState.PENDING, ACTOR, at);
    }
}
