package dev.incidents.query.testing;

import java.time.Instant;

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
import dev.incidents.api.incident.IncidentClosureRevoked;
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
import dev.incidents.api.incident.OwnershipTransferred;
import dev.incidents.api.incident.PendingReason;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ResolutionRejected;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.incident.WorkNoteAdded;

/** Builders of incident events with fixed actors and business times {@code minute(n)} minutes after a base time. */
public final class TestEvents {

    public static final String SERVICE_DESK = "SERVICE-DESK";
    public static final Instant BASE_TIME = Instant.parse("2024-03-01T08:00:00Z");
    public static final Actor DESK_ANALYST = Actor.of("alice", SERVICE_DESK);
    public static final Actor SPECIALIST = Actor.of("bob", "NETWORK");

    private TestEvents() {
    }

    public static Instant minute(int minutes) {
        return BASE_TIME.plusSeconds(60L * minutes);
    }

    public static IncidentReported reported(String id, String requester, Impact impact, Urgency urgency,
                                            Instant at) {
        return new IncidentReported(new IncidentId(id), "VPN drops every few minutes", "Since the update on Monday",
                new UserId(requester), "network", impact, urgency, Priority.of(impact, urgency),
                new SupportGroupId(SERVICE_DESK), DESK_ANALYST, at);
    }

    public static IncidentReported reported(String id, String requester, Instant at) {
        return reported(id, requester, Impact.MEDIUM, Urgency.MEDIUM, at);
    }

    public static IncidentClassified classified(String id, String category, Impact impact, Urgency urgency,
                                                Instant at) {
        return new IncidentClassified(new IncidentId(id), category, impact, urgency, Priority.of(impact, urgency),
                "network", Impact.MEDIUM, Urgency.MEDIUM, Priority.P3_MODERATE, DESK_ANALYST, at);
    }

    public static IncidentAssigned assigned(String id, String group, String assignee, Instant at) {
        return new IncidentAssigned(new IncidentId(id), group(group), user(assignee), DESK_ANALYST, at);
    }

    public static AssignmentAccepted accepted(String id, String group, String assignee, Instant at) {
        return new AssignmentAccepted(new IncidentId(id), group(group), user(assignee), SPECIALIST, at);
    }

    public static IncidentReassigned reassigned(String id, String fromGroup, String fromAssignee, String toGroup,
                                                String toAssignee, IncidentState previousState, int count,
                                                Instant at) {
        return new IncidentReassigned(new IncidentId(id), group(fromGroup), user(fromAssignee), group(toGroup),
                user(toAssignee), "needs database access", previousState, count, SPECIALIST, at);
    }

    public static IncidentReturnedToServiceDesk returnedToServiceDesk(String id, String fromGroup,
                                                                      String fromAssignee, int count, Instant at) {
        return new IncidentReturnedToServiceDesk(new IncidentId(id), group(fromGroup), user(fromAssignee),
                group(SERVICE_DESK), "not a network problem", count, SPECIALIST, at);
    }

    public static AssignmentReleased released(String id, String group, String previousAssignee,
                                              IncidentState previousState, Instant at) {
        return new AssignmentReleased(new IncidentId(id), group(group), user(previousAssignee), "on leave",
                previousState, SPECIALIST, at);
    }

    public static WorkNoteAdded workNote(String id, String text, Instant at) {
        return new WorkNoteAdded(new IncidentId(id), "note-" + at.getEpochSecond(), text, NoteVisibility.INTERNAL,
                null, SPECIALIST, at);
    }

    public static IncidentPended pended(String id, Instant at) {
        return new IncidentPended(new IncidentId(id), PendingReason.VENDOR, "waiting for a firmware fix", null,
                SPECIALIST, at);
    }

    public static IncidentResumed resumed(String id, Instant at) {
        return new IncidentResumed(new IncidentId(id), SPECIALIST, at);
    }

    public static IncidentEscalated escalated(String id, EscalationKind kind, String fromGroup, String toGroup,
                                              Instant at) {
        return new IncidentEscalated(new IncidentId(id), kind, group(fromGroup), group(toGroup), "needs tier 3",
                SPECIALIST, at);
    }

    public static IncidentResolved resolved(String id, String group, String by, Instant at) {
        return new IncidentResolved(new IncidentId(id), "FIXED", "replaced the router", "KB-42", group(group),
                user(by), SPECIALIST, at);
    }

    public static ResolutionRejected resolutionRejected(String id, String group, Instant at) {
        return new ResolutionRejected(new IncidentId(id), "still drops", group(group), DESK_ANALYST, at);
    }

    public static IncidentReopened reopened(String id, String group, IncidentState previousState, int count,
                                            Instant at) {
        return new IncidentReopened(new IncidentId(id), "came back", group(group), previousState, count,
                DESK_ANALYST, at);
    }

    public static IncidentClosed closed(String id, Instant at) {
        return new IncidentClosed(new IncidentId(id), 5, "quick fix", DESK_ANALYST, at);
    }

    public static IncidentClosureRevoked closureRevoked(String id, Instant at) {
        return new IncidentClosureRevoked(new IncidentId(id), "closed by mistake", DESK_ANALYST, at);
    }

    public static IncidentCancelled cancelled(String id, IncidentState previousState, Instant at) {
        return new IncidentCancelled(new IncidentId(id), CancelReason.DUPLICATE, "same as INC-1", previousState,
                DESK_ANALYST, at);
    }

    public static OwnershipTransferred ownershipTransferred(String id, String fromGroup, String toGroup, Instant at) {
        return new OwnershipTransferred(new IncidentId(id), group(fromGroup), group(toGroup), "regional desk",
                DESK_ANALYST, at);
    }

    private static SupportGroupId group(String name) {
        return name == null ? null : new SupportGroupId(name);
    }

    private static UserId user(String name) {
        return name == null ? null : new UserId(name);
    }
}
