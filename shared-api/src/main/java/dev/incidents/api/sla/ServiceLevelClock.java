package dev.incidents.api.sla;

import dev.incidents.api.snapshot.SerializedByFields;
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
import dev.incidents.api.incident.ResolutionPromised;
import dev.incidents.api.incident.ResolutionRejected;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Service level clocks of one incident, fed with its events in stream order: response, resolution, one response
 * clock per support group stint, and the promised resolution time. The figures depend only on the events, the
 * policy and the calendars, so a live deadline and a replayed projection get the same results.
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
 *     <li>Each support group stint has its own response clock with the {@code supportGroupResponse} target, on
 *     the group's calendar. It starts when the group receives the incident (assignment, reassignment or
 *     functional escalation to another group, return to the service desk, released assignment) and ends when the
 *     group accepts or resolves, or when the incident moves to another group ({@link StintOutcome#HANDED_ON}).</li>
 *     <li>{@link ResolutionPromised} sets the promised resolution time; the latest promise replaces earlier
 *     ones.</li>
 *     <li>{@link IncidentCancelled} ends every clock that has no outcome yet, without one.</li>
 * </ul>
 * A recorded warning or breach stays recorded, even after a priority change that lengthens the target.
 * {@link ServiceLevelWarningRaised} and {@link ServiceLevelBreached} are ignored, because they restate instants
 * the clocks compute themselves and imported histories do not contain them.
 *
 * <p>Not thread-safe: one instance belongs to one incident and one event handler.
 */
@SerializedByFields
public final class ServiceLevelClock {

    private final ServiceLevelPolicy policy;
    private final BusinessCalendar calendar;
    private final BusinessStopwatch response;
    private final BusinessStopwatch resolution;
    private final SupportGroupStints stints;
    private final ResolutionPromise promise = new ResolutionPromise();

    private Priority priority;
    private boolean pending;
    private Instant lastEventAt;

    /** Used by Jackson only, to read the clocks back from a snapshot. Jackson then sets every field. */
    private ServiceLevelClock() {
        this.policy = null;
        this.calendar = null;
        this.response = null;
        this.resolution = null;
        this.stints = null;
    }

    /**
     * Creates the clocks of an incident judged by {@code terms}: response and resolution on the customer calendar,
     * each support group stint on {@link ServiceLevelTerms#calendarOf} its group.
     */
    public ServiceLevelClock(ServiceLevelTerms terms) {
        this(Objects.requireNonNull(terms, "service level terms are missing").policy(),
                terms.customerCalendar().calendar(), terms);
    }

    /**
     * Creates the clocks of an incident with one calendar for every clock. Stint readings then name no calendar:
     * their calendar id is null and their calendar version 0.
     */
    public ServiceLevelClock(ServiceLevelPolicy policy, BusinessCalendar calendar) {
        this(policy, calendar, null);
    }

    private ServiceLevelClock(ServiceLevelPolicy policy, BusinessCalendar calendar, ServiceLevelTerms terms) {
        this.policy = Objects.requireNonNull(policy, "service level policy is missing");
        this.calendar = Objects.requireNonNull(calendar, "business calendar is missing");
        this.response = new BusinessStopwatch(calendar, policy.warningThreshold());
        this.resolution = new BusinessStopwatch(calendar, policy.warningThreshold());
        this.stints = new SupportGroupStints(terms, calendar, policy.warningThreshold());
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

        if (event instanceof ServiceLevelWarningRaised || event instanceof ServiceLevelBreached) {
            // Not even their instant counts as the last event, so readings and alarms stay the same for live
            // histories, which contain them, and imported ones, which do not.
            return;
        }

        Instant at = lastEventAt == null || event.occurredAt().isAfter(lastEventAt) ? event.occurredAt() : lastEventAt;
        lastEventAt = at;
        stints.apply(event, at, priority, supportGroupTarget());
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
            promise.unresolve();
            resolution.restart(at);
        } else if (event instanceof IncidentCancelled) {
            cancel(at);
        } else if (event instanceof ResolutionPromised promised) {
            promise.promise(promised.promisedFor(), at, promised.actor().user().value());
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
                response.readingAt(asOf), resolution.readingAt(asOf), stints.readingsAt(asOf),
                promise.readingAt(asOf));
    }

    /**
     * Returns the warnings and breaches that the clocks running after the last applied event (response,
     * resolution and the running stint) reach if no other event comes first, ordered by instant. Each instant
     * equals the {@code warningAt} or {@code breachAt} that {@link #readingAt} reports from then on.
     *
     * <p>Thresholds reached before the last applied event are left out. One reached at that instant is listed, so
     * a reclassification that brings the elapsed time past a new threshold yields an alarm due at once. The list
     * depends only on the applied events and the clock ignores {@link ServiceLevelWarningRaised} and
     * {@link ServiceLevelBreached}, so a caller that keeps deadlines skips the alarms it has raised already
     * (same clock, group, breach flag and instant).
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
        stints.addUpcomingAlarms(lastEventAt, alarms);
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
        stints.changeTarget(priority, targets.supportGroupResponse(), at);
    }

    /** Returns the target of a stint starting now, or null before the report. */
    private Duration supportGroupTarget() {
        return priority == null ? null : policy.targetsFor(priority).supportGroupResponse();
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
        promise.resolve(at);
        response.stop(at);
        resolution.stop(at);
    }

    private void cancel(Instant at) {
        pending = false;
        promise.cancel(at);
        response.cancel(at);
        resolution.cancel(at);
    }
}
