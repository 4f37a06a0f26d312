package dev.incidents.api.sla;

import dev.incidents.api.incident.AssignmentAccepted;
import dev.incidents.api.incident.AssignmentReleased;
import dev.incidents.api.incident.IncidentAssigned;
import dev.incidents.api.incident.IncidentCancelled;
import dev.incidents.api.incident.IncidentClassified;
import dev.incidents.api.incident.IncidentEscalated;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentPended;
import dev.incidents.api.incident.IncidentReassigned;
import dev.incidents.api.incident.IncidentReopened;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.IncidentResolved;
import dev.incidents.api.incident.IncidentResumed;
import dev.incidents.api.incident.IncidentReturnedToServiceDesk;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ResolutionRejected;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Response and resolution clocks of one incident, fed with its events in stream order. The figures depend only on
 * the events, the policy and the calendar, so a live deadline and a replayed projection get the same results.
 *
 * <ul>
 *     <li>The response clock runs from the first {@link IncidentAssigned} until the first
 *     {@link AssignmentAccepted}. A resolution before acceptance also stops it. Later reassignments do not
 *     restart it.</li>
 *     <li>The resolution clock runs from {@link IncidentReported} until {@link IncidentResolved}. It pauses while
 *     the incident is PENDING, whatever event ends that state. {@link IncidentReopened} and
 *     {@link ResolutionRejected} continue it from its elapsed time, so time spent resolved or closed never
 *     counts.</li>
 *     <li>An {@link IncidentClassified} that changes the priority switches both clocks to the new priority's
 *     targets and keeps their elapsed time. If that time already reaches a new threshold, the warning or breach
 *     happens at the reclassification.</li>
 *     <li>{@link IncidentCancelled} ends every clock that has no outcome yet, without one.</li>
 * </ul>
 * A recorded warning or breach stays recorded, even after a priority change that lengthens the target.
 *
 * <p>Not thread-safe: one instance belongs to one incident and one event handler.
 */
public final class ServiceLevelClock {

    private final ServiceLevelPolicy policy;
    private final BusinessCalendar calendar;
    private final BusinessStopwatch response;
    private final BusinessStopwatch resolution;

    private Priority priority;
    private boolean pending;
    private Instant lastEventAt;

    /** Creates the clocks of an incident judged by {@code terms}, on its customer calendar. */
    public ServiceLevelClock(ServiceLevelTerms terms) {
        this(Objects.requireNonNull(terms, "service level terms are missing").policy(),
                terms.customerCalendar().calendar());
    }

    public ServiceLevelClock(ServiceLevelPolicy policy, BusinessCalendar calendar) {
        this.policy = Objects.requireNonNull(policy, "service level policy is missing");
        this.calendar = Objects.requireNonNull(calendar, "business calendar is missing");
        this.response = new BusinessStopwatch(calendar, policy.warningThreshold());
        this.resolution = new BusinessStopwatch(calendar, policy.warningThreshold());
    }

    /**
     * Applies the next event of the incident. An event that occurred before the previous one, as imported
     * histories can contain, counts as happening at the previous event's instant, so no time is counted twice.
     *
     * @throws IllegalStateException when the first event is not {@link IncidentReported}, or a second one arrives
     */
    public void apply(IncidentEvent event) {
        Objects.requireNonNull(event, "incident event is missing");
        boolean reported = priority != null;
        if (reported == event instanceof IncidentReported) {
            throw new IllegalStateException("cannot apply " + event.getClass().getSimpleName() + " of incident "
                    + event.incidentId() + (reported ? ": the incident was already reported"
                    : ": the clocks start with IncidentReported; feed the events from the start of the stream"));
        }

        Instant at = lastEventAt == null || event.occurredAt().isAfter(lastEventAt) ? event.occurredAt() : lastEventAt;
        lastEventAt = at;
        if (event instanceof IncidentReported reportedEvent) {
            report(reportedEvent.priority(), at);
        } else if (event instanceof IncidentClassified classified) {
            reclassify(classified.priority(), at);
        } else if (event instanceof IncidentAssigned) {
            response.start(at);
        } else if (event instanceof AssignmentAccepted) {
            response.stop(at);
        } else if (event instanceof IncidentPended) {
            pend(at);
        } else if (leavesPending(event)) {
            leavePending(at);
        } else if (event instanceof IncidentResolved) {
            resolve(at);
        } else if (event instanceof ResolutionRejected || event instanceof IncidentReopened) {
            resolution.restart(at);
        } else if (event instanceof IncidentCancelled) {
            cancel(at);
        }
        // Work notes, closure, revoked closure and ownership transfers leave the clocks as they are.
    }

    /** Returns true for the events after which the aggregate is no longer PENDING, other than resolve and cancel. */
    private static boolean leavesPending(IncidentEvent event) {
        if (event instanceof IncidentReassigned reassigned) {
            // The aggregate keeps a RESOLVED incident resolved on reassignment; other states become ASSIGNED.
            return reassigned.previousState() != IncidentState.RESOLVED;
        }
        if (event instanceof IncidentEscalated escalated) {
            // Only a functional escalation moves the incident to another group and so out of PENDING.
            return escalated.toGroup() != null;
        }
        return event instanceof IncidentResumed
                || event instanceof IncidentReturnedToServiceDesk
                || event instanceof AssignmentReleased;
    }

    /**
     * Returns the figures at {@code asOf}.
     *
     * @throws IllegalArgumentException when {@code asOf} is before the last applied event
     * @throws IllegalStateException    when no event was applied
     */
    public ServiceLevelReading readingAt(Instant asOf) {
        Objects.requireNonNull(asOf, "instant to read the clocks at is missing");
        if (lastEventAt == null) {
            throw new IllegalStateException("cannot read the service level clocks: no event was applied; "
                    + "apply IncidentReported first");
        }
        if (asOf.isBefore(lastEventAt)) {
            throw new IllegalArgumentException("cannot read the service level clocks at " + asOf
                    + ": it is before the last applied event at " + lastEventAt + "; read at that instant or later");
        }

        return new ServiceLevelReading(policy.id(), policy.version(), calendar.zoneId(), asOf,
                response.readingAt(asOf), resolution.readingAt(asOf));
    }

    /**
     * Returns the warnings and breaches that the clocks running after the last applied event reach if no other
     * event comes first, in order of their instants. Thresholds reached before the last applied event are left
     * out; one reached at it, as after a reclassification past a threshold, is listed. The list depends only on
     * the applied events, so it does not know which alarms the caller has raised already.
     *
     * @throws IllegalStateException when no event was applied
     */
    public List<ServiceLevelAlarm> upcomingAlarms() {
        if (lastEventAt == null) {
            throw new IllegalStateException("cannot list service level alarms: no event was applied; "
                    + "apply IncidentReported first");
        }

        List<ServiceLevelAlarm> alarms = new ArrayList<>();
        response.addUpcomingAlarms(ServiceLevelClockKind.RESPONSE, null, lastEventAt, alarms);
        resolution.addUpcomingAlarms(ServiceLevelClockKind.RESOLUTION, null, lastEventAt, alarms);
        alarms.sort(Comparator.comparing(ServiceLevelAlarm::at));
        return List.copyOf(alarms);
    }

    private void report(Priority reportedPriority, Instant at) {
        priority = Objects.requireNonNull(reportedPriority, "priority of the reported incident is missing");
        setTargets(at);
        resolution.start(at);
    }

    private void reclassify(Priority newPriority, Instant at) {
        if (newPriority != null && newPriority != priority) {
            priority = newPriority;
            setTargets(at);
        }
    }

    private void setTargets(Instant at) {
        ServiceLevelTargets targets = policy.targetsFor(priority);
        response.changeTarget(priority, targets.response(), at);
        resolution.changeTarget(priority, targets.resolution(), at);
    }

    private void pend(Instant at) {
        pending = true;
        resolution.pause(at);
    }

    private void leavePending(Instant at) {
        if (pending) {
            pending = false;
            resolution.resume(at);
        }
    }

    private void resolve(Instant at) {
        pending = false;
        response.stop(at);
        resolution.stop(at);
    }

    private void cancel(Instant at) {
        pending = false;
        response.cancel(at);
        resolution.cancel(at);
    }
}
