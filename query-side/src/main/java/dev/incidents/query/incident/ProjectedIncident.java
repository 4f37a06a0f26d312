package dev.incidents.query.incident;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.data.annotation.Id;

import dev.incidents.api.incident.AssignmentAccepted;
import dev.incidents.api.incident.AssignmentReleased;
import dev.incidents.api.incident.EscalationKind;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentAssigned;
import dev.incidents.api.incident.IncidentCancelled;
import dev.incidents.api.incident.IncidentClassified;
import dev.incidents.api.incident.IncidentClosed;
import dev.incidents.api.incident.IncidentClosureRevoked;
import dev.incidents.api.incident.IncidentEscalated;
import dev.incidents.api.incident.IncidentEvent;
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
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ResolutionPromised;
import dev.incidents.api.incident.ResolutionRejected;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.incident.WorkNoteAdded;
import dev.incidents.api.query.IncidentSummary;

/**
 * An incident as the read models project it from its events: current values, timestamps and the sequence number of
 * the last applied event. The summary projection stores it in {@code incident_summaries}; the audit projection keeps
 * its own copy in each trail of {@code audit_trails} to know the old value of every change.
 */
public class ProjectedIncident {

    /** Stored field names, for queries on the summary collection. */
    public static final String STATE = "state";
    public static final String REQUESTER = "requester";
    public static final String OWNER_GROUP = "ownerGroup";
    public static final String ASSIGNED_GROUP = "assignedGroup";
    public static final String ASSIGNEE = "assignee";
    public static final String PRIORITY = "priority";
    public static final String REASSIGNMENT_COUNT = "reassignmentCount";
    public static final String REOPEN_COUNT = "reopenCount";
    public static final String REPORTED_AT = "reportedAt";

    @Id
    private String incidentId;
    private IncidentState state;
    private String summary;
    private String requester;
    private String category;
    private Impact impact;
    private Urgency urgency;
    private Priority priority;
    private String ownerGroup;
    private String assignedGroup;
    private String assignee;
    private int reassignmentCount;
    private int reopenCount;
    private Instant reportedAt;
    private Instant lastOccurredAt;
    private Instant lastCustomerVisibleAt;
    private Instant resolvedAt;
    private Instant closedAt;
    private long lastSequence = -1;
    private long version = -1;
    /** True once the incident was assigned to a group other than its owner group. */
    private boolean routedBeyondOwner;
    /** Whether the first resolution came from the owner group without any routing; null until then. */
    private Boolean firstContactResolution;

    /** Used by Spring Data to read stored documents. */
    protected ProjectedIncident() {
    }

    private ProjectedIncident(IncidentId incidentId) {
        this.incidentId = incidentId.value();
    }

    /** Creates an incident to which no event has been applied yet; apply its {@link IncidentReported} first. */
    public static ProjectedIncident unreported(IncidentId incidentId) {
        return new ProjectedIncident(Objects.requireNonNull(incidentId, "incident id is missing"));
    }

    /** Returns true when the event with this sequence number, or a later one, has already been applied. */
    public boolean hasApplied(long sequenceNumber) {
        return sequenceNumber <= lastSequence;
    }

    /**
     * Applies one event of this incident. Callers check {@link #hasApplied(long)} first, because applying an event a
     * second time would, for example, move a timestamp back.
     */
    public void apply(IncidentEvent event, long sequenceNumber) {
        if (!incidentId.equals(event.incidentId().value())) {
            throw new IllegalArgumentException("event of incident " + event.incidentId()
                    + " cannot be applied to incident " + incidentId);
        }

        if (event instanceof IncidentReported reported) {
            applyReported(reported);
        } else if (event instanceof IncidentClassified classified) {
            category = classified.category();
            impact = classified.impact();
            urgency = classified.urgency();
            priority = classified.priority();
        } else if (event instanceof IncidentAssigned assigned) {
            state = IncidentState.ASSIGNED;
            assignedGroup = text(assigned.group());
            assignee = text(assigned.assignee());
            noteRouting();
        } else if (event instanceof AssignmentAccepted accepted) {
            state = IncidentState.IN_PROGRESS;
            assignedGroup = textOr(accepted.group(), assignedGroup);
            assignee = text(accepted.assignee());
        } else if (event instanceof IncidentReassigned reassigned) {
            applyReassigned(reassigned);
        } else if (event instanceof IncidentReturnedToServiceDesk returned) {
            state = IncidentState.ASSIGNED;
            assignedGroup = textOr(returned.toGroup(), ownerGroup);
            assignee = null;
            reassignmentCount = returned.reassignmentCount();
        } else if (event instanceof AssignmentReleased released) {
            state = IncidentState.ASSIGNED;
            assignedGroup = textOr(released.group(), assignedGroup);
            assignee = null;
        } else if (event instanceof WorkNoteAdded) {
            // A work note changes no incident field; the audit trail keeps its text.
        } else if (event instanceof ResolutionPromised || event instanceof ServiceLevelWarningRaised
                || event instanceof ServiceLevelBreached) {
            // Promises and service level alerts change no summary field, and the service level read model keeps them.
        } else if (event instanceof IncidentPended) {
            state = IncidentState.PENDING;
        } else if (event instanceof IncidentResumed) {
            state = IncidentState.IN_PROGRESS;
        } else if (event instanceof IncidentEscalated escalated) {
            applyEscalated(escalated);
        } else if (event instanceof IncidentResolved resolved) {
            state = IncidentState.RESOLVED;
            resolvedAt = event.occurredAt();
            closedAt = null;
            applyFirstResolution(resolved);
        } else if (event instanceof ResolutionRejected rejected) {
            state = IncidentState.IN_PROGRESS;
            assignedGroup = textOr(rejected.group(), assignedGroup);
            resolvedAt = null;
        } else if (event instanceof IncidentReopened reopened) {
            state = IncidentState.ASSIGNED;
            assignedGroup = textOr(reopened.group(), assignedGroup);
            assignee = null;
            reopenCount = reopened.reopenCount();
            resolvedAt = null;
            closedAt = null;
            // A resolution that did not last was no first-contact resolution.
            firstContactResolution = Boolean.FALSE;
            noteRouting();
        } else if (event instanceof IncidentClosed) {
            state = IncidentState.CLOSED;
            closedAt = event.occurredAt();
        } else if (event instanceof IncidentClosureRevoked) {
            state = IncidentState.RESOLVED;
            closedAt = null;
        } else if (event instanceof IncidentCancelled) {
            state = IncidentState.CANCELLED;
        } else if (event instanceof OwnershipTransferred transferred) {
            ownerGroup = text(transferred.toGroup());
        } else {
            throw new IllegalArgumentException("no projection rule for event type " + event.getClass().getName());
        }

        lastOccurredAt = event.occurredAt();
        if (!isInternalNote(event)) {
            lastCustomerVisibleAt = event.occurredAt();
        }
        lastSequence = sequenceNumber;
        version = sequenceNumber;
    }

    private void applyReported(IncidentReported reported) {
        state = IncidentState.NEW;
        summary = reported.summary();
        requester = text(reported.requester());
        category = reported.category();
        impact = reported.impact();
        urgency = reported.urgency();
        priority = reported.priority();
        ownerGroup = text(reported.ownerGroup());
        assignedGroup = null;
        assignee = null;
        reassignmentCount = 0;
        reopenCount = 0;
        reportedAt = reported.occurredAt();
    }

    private void applyReassigned(IncidentReassigned reassigned) {
        // A resolved incident handed over to another group stays resolved; every other reassignment waits for
        // the new group or person to accept it.
        state = reassigned.previousState() == IncidentState.RESOLVED ? IncidentState.RESOLVED : IncidentState.ASSIGNED;
        assignedGroup = textOr(reassigned.toGroup(), assignedGroup);
        assignee = text(reassigned.toAssignee());
        reassignmentCount = reassigned.reassignmentCount();
        noteRouting();
    }

    private void noteRouting() {
        if (assignedGroup != null && !assignedGroup.equals(ownerGroup)) {
            routedBeyondOwner = true;
        }
    }

    /**
     * Decides first-contact resolution at the first resolution: the owner group (usually the service desk) resolved
     * it, and it had never been assigned to another group.
     */
    private void applyFirstResolution(IncidentResolved resolved) {
        if (firstContactResolution != null) {
            return;
        }
        String resolvingGroup = textOr(resolved.resolvingGroup(), assignedGroup);
        firstContactResolution = !routedBeyondOwner && resolvingGroup != null && resolvingGroup.equals(ownerGroup);
    }

    private void applyEscalated(IncidentEscalated escalated) {
        // A hierarchical escalation only alerts management, so it changes no field.
        if (escalated.kind() == EscalationKind.FUNCTIONAL) {
            state = IncidentState.ASSIGNED;
            assignedGroup = textOr(escalated.toGroup(), assignedGroup);
            assignee = null;
            noteRouting();
        }
    }

    /**
     * Returns the fields that the audit trail tracks, in a fixed order, as text; a missing value maps to null. An
     * incident without events returns only nulls.
     */
    public Map<String, String> auditedValues() {
        boolean reported = state != null;
        Map<String, String> values = new LinkedHashMap<>();
        values.put(STATE, text(state));
        values.put("summary", summary);
        values.put(REQUESTER, requester);
        values.put("category", category);
        values.put("impact", text(impact));
        values.put("urgency", text(urgency));
        values.put(PRIORITY, text(priority));
        values.put(OWNER_GROUP, ownerGroup);
        values.put(ASSIGNED_GROUP, assignedGroup);
        values.put(ASSIGNEE, assignee);
        values.put(REASSIGNMENT_COUNT, reported ? Integer.toString(reassignmentCount) : null);
        values.put(REOPEN_COUNT, reported ? Integer.toString(reopenCount) : null);
        return values;
    }

    /** Returns true for a work note that only support staff may read. */
    public static boolean isInternalNote(IncidentEvent event) {
        return event instanceof WorkNoteAdded note && note.visibility() != NoteVisibility.CUSTOMER_VISIBLE;
    }

    public IncidentSummary toSummary() {
        return toSummary(lastOccurredAt);
    }

    /**
     * Returns the summary as the requester may see it: {@code lastOccurredAt} is the time of the last event other
     * than an internal work note, so the summary does not show when such a note was added.
     *
     * <p>NOTE: summaries projected before this field existed have no such time and show none until the
     * {@code incident-summary} processor is reset. The {@code version} still counts every event, because commands
     * need the true version in {@code If-Match}.
     */
    public IncidentSummary toCustomerSummary() {
        return toSummary(lastCustomerVisibleAt);
    }

    private IncidentSummary toSummary(Instant lastOccurred) {
        return new IncidentSummary(
                new IncidentId(incidentId),
                state,
                summary,
                requester == null ? null : new UserId(requester),
                category,
                impact,
                urgency,
                priority,
                ownerGroup == null ? null : new SupportGroupId(ownerGroup),
                assignedGroup == null ? null : new SupportGroupId(assignedGroup),
                assignee == null ? null : new UserId(assignee),
                reassignmentCount,
                reopenCount,
                reportedAt,
                lastOccurred,
                resolvedAt,
                closedAt,
                firstContactResolution,
                lastSequence,
                version);
    }

    public String incidentId() {
        return incidentId;
    }

    public IncidentState state() {
        return state;
    }

    public long lastSequence() {
        return lastSequence;
    }

    public String requester() {
        return requester;
    }

    public String ownerGroup() {
        return ownerGroup;
    }

    public String assignedGroup() {
        return assignedGroup;
    }

    public String assignee() {
        return assignee;
    }

    public Priority priority() {
        return priority;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String textOr(Object value, String fallback) {
        return value == null ? fallback : value.toString();
    }
}
