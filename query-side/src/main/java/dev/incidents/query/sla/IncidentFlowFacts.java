package dev.incidents.query.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.incidents.api.incident.AssignmentAccepted;
import dev.incidents.api.incident.IncidentCancelled;
import dev.incidents.api.incident.IncidentClosed;
import dev.incidents.api.incident.IncidentClosureRevoked;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentReopened;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.IncidentResolved;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ResolutionRejected;
import dev.incidents.api.query.IncidentSummary;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * Facts the analytics count about one incident, taken from event timestamps only. State, groups, counts and
 * first-contact resolution come from a {@link ProjectedIncident} fed the same events, so they match the incident
 * summary. Times are in milliseconds. Business times count the customer calendar of the incident's service level
 * terms and are null without terms.
 */
public class IncidentFlowFacts {

    private Instant reportedAt;
    private Instant firstAcceptedAt;
    /** Time of the latest resolution; null while the incident is open again after a reopen or rejection. */
    private Instant resolvedAt;
    private Instant closedAt;
    private boolean everResolved;
    private IncidentState state;
    private Priority priority;
    private String category;
    private String ownerGroup;
    private String assignedGroup;
    /** Group the analytics file the incident under: the assigned group, or the owner group before any assignment. */
    private String group;
    /** Assigned groups in the order they took the incident; a group appears again each time it gets it back. */
    private List<String> groupsHeld = new ArrayList<>();
    private int reassignmentCount;
    private int pingPongCount;
    private int reopenCount;
    private Boolean firstContactResolution;
    private Long wallMillisToAccept;
    private Long businessMillisToAccept;
    private Long wallMillisToResolve;
    private Long businessMillisToResolve;
    private List<OpenSpan> openSpans = new ArrayList<>();

    /**
     * Updates the facts after {@code incident} has applied {@code event}.
     *
     * @param calendar customer calendar of the service level terms, or null when the incident has none
     */
    void update(IncidentEvent event, ProjectedIncident incident, BusinessCalendar calendar) {
        IncidentSummary summary = incident.toSummary();
        Instant at = event.occurredAt();

        if (event instanceof IncidentReported) {
            reportedAt = at;
            openSpans.add(new OpenSpan(at, null));
        } else if (event instanceof AssignmentAccepted && firstAcceptedAt == null) {
            firstAcceptedAt = at;
            wallMillisToAccept = wallMillis(reportedAt, at);
            businessMillisToAccept = businessMillis(calendar, reportedAt, at);
        } else if (event instanceof IncidentResolved) {
            resolvedAt = at;
            closedAt = null;
            everResolved = true;
            wallMillisToResolve = wallMillis(reportedAt, at);
            businessMillisToResolve = businessMillis(calendar, reportedAt, at);
            closeSpan(at);
        } else if (event instanceof IncidentCancelled) {
            closeSpan(at);
        } else if (event instanceof IncidentReopened || event instanceof ResolutionRejected) {
            resolvedAt = null;
            closedAt = null;
            wallMillisToResolve = null;
            businessMillisToResolve = null;
            openSpans.add(new OpenSpan(at, null));
        } else if (event instanceof IncidentClosed) {
            closedAt = at;
        } else if (event instanceof IncidentClosureRevoked) {
            closedAt = null;
        }

        noteGroup(incident.assignedGroup());
        state = incident.state();
        priority = summary.priority();
        category = summary.category();
        ownerGroup = incident.ownerGroup();
        assignedGroup = incident.assignedGroup();
        group = assignedGroup != null ? assignedGroup : ownerGroup;
        reassignmentCount = summary.reassignmentCount();
        reopenCount = summary.reopenCount();
        firstContactResolution = summary.firstContactResolution();
    }

    /** Appends the assigned group when it changed, counting a return to a group that held the incident before. */
    private void noteGroup(String current) {
        if (current == null || (!groupsHeld.isEmpty() && groupsHeld.get(groupsHeld.size() - 1).equals(current))) {
            return;
        }
        if (groupsHeld.contains(current)) {
            pingPongCount++;
        }
        groupsHeld.add(current);
    }

    private void closeSpan(Instant at) {
        int last = openSpans.size() - 1;
        if (last >= 0 && openSpans.get(last).to() == null) {
            OpenSpan open = openSpans.get(last);
            // An imported history can close a span before it opened; such a span lasts no time.
            openSpans.set(last, new OpenSpan(open.from(), at.isBefore(open.from()) ? open.from() : at));
        }
    }

    private static Long wallMillis(Instant from, Instant to) {
        if (from == null) {
            return null;
        }
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    private static Long businessMillis(BusinessCalendar calendar, Instant from, Instant to) {
        if (calendar == null || from == null) {
            return null;
        }
        return to.isAfter(from) ? calendar.businessTimeBetween(from, to).toMillis() : 0L;
    }

    /** Returns true when the incident was open at {@code instant}. */
    public boolean openAt(Instant instant) {
        return openSpans.stream().anyMatch(span -> span.contains(instant));
    }

    public Instant reportedAt() {
        return reportedAt;
    }

    public Instant firstAcceptedAt() {
        return firstAcceptedAt;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public boolean everResolved() {
        return everResolved;
    }

    public IncidentState state() {
        return state;
    }

    public Priority priority() {
        return priority;
    }

    public String category() {
        return category;
    }

    public String ownerGroup() {
        return ownerGroup;
    }

    public String assignedGroup() {
        return assignedGroup;
    }

    public String group() {
        return group;
    }

    public List<String> groupsHeld() {
        return List.copyOf(groupsHeld);
    }

    public int reassignmentCount() {
        return reassignmentCount;
    }

    public int pingPongCount() {
        return pingPongCount;
    }

    public boolean pingPonged() {
        return pingPongCount > 0;
    }

    public int reopenCount() {
        return reopenCount;
    }

    public Boolean firstContactResolution() {
        return firstContactResolution;
    }

    public Long wallMillisToAccept() {
        return wallMillisToAccept;
    }

    public Long businessMillisToAccept() {
        return businessMillisToAccept;
    }

    public Long wallMillisToResolve() {
        return wallMillisToResolve;
    }

    public Long businessMillisToResolve() {
        return businessMillisToResolve;
    }

    public List<OpenSpan> openSpans() {
        return List.copyOf(openSpans);
    }
}
