package dev.incidents.api.sla;

import dev.incidents.api.snapshot.SerializedByFields;
import dev.incidents.api.incident.AssignmentAccepted;
import dev.incidents.api.incident.AssignmentReleased;
import dev.incidents.api.incident.IncidentAssigned;
import dev.incidents.api.incident.IncidentCancelled;
import dev.incidents.api.incident.IncidentEscalated;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentReassigned;
import dev.incidents.api.incident.IncidentReopened;
import dev.incidents.api.incident.IncidentResolved;
import dev.incidents.api.incident.IncidentReturnedToServiceDesk;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stints of an incident's support groups, at most one of them running. A stint starts when a group receives
 * the incident: the first assignment, a reassignment or functional escalation to another group, a return to the
 * service desk, a released assignment that puts the incident back into the group's queue, or a reopen, which puts
 * a resolved or closed incident back into its group's queue to be accepted again. It ends when the
 * group accepts or resolves (MET or BREACHED), when the incident moves to another group first (HANDED_ON), or at
 * a cancellation (no outcome).
 *
 * <p>A reassignment of a resolved incident and a rejected resolution start no stint: the incident stays with the
 * person who resolved it.
 */
@SerializedByFields
final class SupportGroupStints {

    /** Terms that name each group's calendar, or null when every group counts on {@link #defaultCalendar}. */
    private final ServiceLevelTerms terms;
    private final BusinessCalendar defaultCalendar;
    private final double warningThreshold;
    private final List<SupportGroupStint> stints = new ArrayList<>();

    /** Group the incident is assigned to, whether or not its stint still runs. */
    private SupportGroupId currentGroup;

    /** Used by Jackson only, to read the stints back from a snapshot. Jackson then sets every field. */
    private SupportGroupStints() {
        this(null, null, 0);
    }

    SupportGroupStints(ServiceLevelTerms terms, BusinessCalendar defaultCalendar, double warningThreshold) {
        this.terms = terms;
        this.defaultCalendar = defaultCalendar;
        this.warningThreshold = warningThreshold;
    }

    /**
     * Applies an incident event at {@code at}. A stint that starts now gets {@code priority} and its support group
     * response {@code target}.
     */
    void apply(IncidentEvent event, Instant at, Priority priority, Duration target) {
        if (event instanceof IncidentAssigned assigned) {
            receive(assigned.group(), at, priority, target);
        } else if (event instanceof IncidentReassigned reassigned) {
            // A resolved incident handed to another group stays resolved, so that group has nothing to accept.
            if (reassigned.previousState() == IncidentState.RESOLVED) {
                currentGroup = reassigned.toGroup();
            } else {
                receiveIfMoved(reassigned.toGroup(), at, priority, target);
            }
        } else if (event instanceof IncidentReturnedToServiceDesk returned) {
            receiveIfMoved(returned.toGroup(), at, priority, target);
        } else if (event instanceof IncidentEscalated escalated && escalated.toGroup() != null) {
            receiveIfMoved(escalated.toGroup(), at, priority, target);
        } else if (event instanceof AssignmentReleased released) {
            receive(released.group(), at, priority, target);
        } else if (event instanceof IncidentReopened reopened) {
            receive(reopened.group(), at, priority, target);
        } else if (event instanceof AssignmentAccepted || event instanceof IncidentResolved) {
            SupportGroupStint stint = runningStint();
            if (stint != null) {
                stint.complete(at);
            }
        } else if (event instanceof IncidentCancelled) {
            SupportGroupStint stint = runningStint();
            if (stint != null) {
                stint.cancel(at);
            }
        }
    }

    /** Switches the running stint to the target of a new priority, keeping its elapsed time. */
    void changeTarget(Priority priority, Duration target, Instant at) {
        SupportGroupStint stint = runningStint();
        if (stint != null) {
            stint.changeTarget(priority, target, at);
        }
    }

    /** Returns the figures of every stint at {@code asOf}, in the order the stints started. */
    List<StintReading> readingsAt(Instant asOf) {
        return stints.stream().map(stint -> stint.readingAt(asOf)).toList();
    }

    void addUpcomingAlarms(Instant notBefore, List<ServiceLevelAlarm> alarms) {
        SupportGroupStint stint = runningStint();
        if (stint != null) {
            stint.addUpcomingAlarms(notBefore, alarms);
        }
    }

    private void receiveIfMoved(SupportGroupId group, Instant at, Priority priority, Duration target) {
        if (group != null && !group.equals(currentGroup)) {
            receive(group, at, priority, target);
        }
    }

    /**
     * Starts a stint of {@code group}, handing on the running stint of another group. A running stint of the same
     * group, as when an assignee releases an incident the group has not accepted yet, continues.
     */
    private void receive(SupportGroupId group, Instant at, Priority priority, Duration target) {
        if (group == null) {
            return;
        }

        currentGroup = group;
        SupportGroupStint running = runningStint();
        if (running != null && running.group().equals(group)) {
            return;
        }
        if (running != null) {
            running.handOn(at);
        }
        stints.add(startStint(group, at, priority, target));
    }

    private SupportGroupStint startStint(SupportGroupId group, Instant at, Priority priority, Duration target) {
        if (terms == null) {
            return new SupportGroupStint(group, null, 0, defaultCalendar, warningThreshold, priority, target, at);
        }
        NamedCalendar calendar = terms.calendarOf(group);
        return new SupportGroupStint(group, calendar.id(), calendar.version(), calendar.calendar(), warningThreshold,
                priority, target, at);
    }

    private SupportGroupStint runningStint() {
        if (stints.isEmpty()) {
            return null;
        }
        SupportGroupStint last = stints.get(stints.size() - 1);
        return last.running() ? last : null;
    }
}
