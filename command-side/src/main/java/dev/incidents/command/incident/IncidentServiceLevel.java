package dev.incidents.command.incident;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.sla.ClockReading;
import dev.incidents.api.sla.ServiceLevelAlarm;
import dev.incidents.api.sla.ServiceLevelClock;
import dev.incidents.api.sla.ServiceLevelClockKind;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelReading;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.api.sla.StintReading;
import dev.incidents.api.snapshot.SerializedByFields;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The service level state of one incident: its terms, its clocks fed with every event, and the warnings and breaches
 * already raised. The aggregate schedules one deadline per {@link #pendingAlarms() pending alarm}.
 *
 * <p>The clocks can fail on an event with an {@link IllegalStateException}, {@link ArithmeticException} or
 * {@link DateTimeException} from the calendar arithmetic: a calendar without an opening interval, a target beyond
 * the calendar's search years, or an overflow. The state then stops: it feeds no further events and has no pending
 * alarms. The failure depends only on the terms and the events, so rebuilding the aggregate from its events stops
 * at the same event. Failures of these kinds therefore fail no command and leave the incident loadable.
 */
@SerializedByFields
final class IncidentServiceLevel {

    /** Name of the deadlines whose payload is a {@link ServiceLevelAlarm}. */
    static final String DEADLINE = "service-level";

    /**
     * Key of a raised warning or breach. The response and resolution clocks warn and breach at most once, because a
     * clock keeps a reached threshold. A support group can have several stints, which the alarm's instant separates.
     */
    private record Raised(ServiceLevelClockKind clock, SupportGroupId group, boolean breach, Instant stintAlarmAt) {

        static Raised of(ServiceLevelClockKind clock, SupportGroupId group, boolean breach, Instant at) {
            return new Raised(clock, group, breach, clock == ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE ? at : null);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(IncidentServiceLevel.class);

    private final String incidentId;
    private final ServiceLevelTerms terms;
    private final ServiceLevelClock clock;
    private final Set<Raised> raised = new HashSet<>();
    private Instant asOf;
    /** Whether imported events fed the clocks. Thresholds reached before {@link #liveSince} then raise no alarm. */
    private boolean imported;
    /**
     * Business time of the first live event after imported ones, or null. Imported history raises no alarms, and the
     * projections compute its warnings and breaches from the event times, so alarms start with live work.
     */
    private Instant liveSince;
    /**
     * Failure that stopped the clocks, as its class and message, or null while they run. A string, not the
     * exception, so that a snapshot of the incident keeps it.
     */
    private String failure;
    /** Whether this instance logged a failed reading already; a command reads the clocks more than once. */
    private boolean readFailureLogged;

    /** Used by Jackson only, to read the state back from a snapshot of the incident. Jackson then sets every field. */
    private IncidentServiceLevel() {
        this.incidentId = null;
        this.terms = null;
        this.clock = null;
    }

    IncidentServiceLevel(String incidentId, ServiceLevelTerms terms) {
        this.incidentId = incidentId;
        this.terms = Objects.requireNonNull(terms, "service level terms are missing");
        this.clock = new ServiceLevelClock(terms);
    }

    /** Feeds the next live event of the incident to the clocks; see {@link #apply(IncidentEvent, boolean)}. */
    RuntimeException apply(IncidentEvent event) {
        return apply(event, false);
    }

    /**
     * Feeds the next event of the incident to the clocks, and records a raised warning or breach. Returns the
     * failure when this event stopped the clocks, and null otherwise.
     *
     * @param importedEvent true when an importer of a historical log recorded the event
     */
    RuntimeException apply(IncidentEvent event, boolean importedEvent) {
        if (importedEvent) {
            imported = true;
        } else if (imported && liveSince == null) {
            liveSince = event.occurredAt();
        }
        if (failure != null) {
            return null;
        }
        try {
            clock.apply(event);
        } catch (IllegalStateException | ArithmeticException | DateTimeException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            return e;
        }
        asOf = asOf == null || event.occurredAt().isAfter(asOf) ? event.occurredAt() : asOf;
        if (event instanceof ServiceLevelWarningRaised warning) {
            raised.add(Raised.of(warning.clock(), warning.group(), false, warning.occurredAt()));
        } else if (event instanceof ServiceLevelBreached breach) {
            raised.add(Raised.of(breach.clock(), breach.group(), true, breach.occurredAt()));
        }
        return null;
    }

    /** Returns true when a threshold reached at this instant raises an alarm: it was reached during live work. */
    private boolean raises(Instant thresholdAt) {
        return !imported || liveSince != null && !thresholdAt.isBefore(liveSince);
    }

    /** Returns true when a failure stopped the clocks, so they raise no more warnings or breaches. */
    boolean stopped() {
        return failure != null;
    }

    /** Returns the policy as the author of the warnings and breaches, such as {@code system:service-level/standard-v1}. */
    Actor actor() {
        ServiceLevelPolicy policy = terms.policy();
        return Actor.rule("service-level/" + policy.id() + "-v" + policy.version());
    }

    ServiceLevelPolicy policy() {
        return terms.policy();
    }

    /**
     * Returns the alarms that need a deadline, in order of their instants: thresholds reached and not raised yet,
     * which a command may have overtaken before their deadline fired, and those the running clocks reach next.
     * Thresholds reached during imported history, or before the first live event after it, are left out.
     */
    List<ServiceLevelAlarm> pendingAlarms() {
        if (failure != null) {
            return List.of();
        }
        try {
            return readPendingAlarms();
        } catch (IllegalStateException | ArithmeticException | DateTimeException e) {
            // Reading depends only on the terms and the events, so it fails the same way after a rebuild. The
            // state is left as it is, because only events may change it.
            logReadFailure(e);
            return List.of();
        }
    }

    private List<ServiceLevelAlarm> readPendingAlarms() {
        Map<Raised, ServiceLevelAlarm> pending = new LinkedHashMap<>();
        ServiceLevelReading reading = clock.readingAt(asOf);
        addReached(ServiceLevelClockKind.RESPONSE, null, reading.response(), pending);
        addReached(ServiceLevelClockKind.RESOLUTION, null, reading.resolution(), pending);
        for (StintReading stint : reading.stints()) {
            addReached(stint, reading.resolution(), pending);
        }
        for (ServiceLevelAlarm alarm : clock.upcomingAlarms()) {
            Raised key = Raised.of(alarm.clock(), alarm.group(), alarm.breach(), alarm.at());
            if (!raised.contains(key) && raises(alarm.at())) {
                pending.putIfAbsent(key, alarm);
            }
        }

        List<ServiceLevelAlarm> alarms = new ArrayList<>(pending.values());
        alarms.sort((first, second) -> first.at().compareTo(second.at()));
        return alarms;
    }

    /**
     * Returns true when the clocks, read at the alarm's instant or at the last event if that came later, reached the
     * alarm's threshold at that very instant during live work, and it was not raised yet.
     */
    boolean isDue(ServiceLevelAlarm alarm) {
        if (failure != null || !raises(alarm.at())) {
            return false;
        }
        try {
            return reachedAt(alarm);
        } catch (IllegalStateException | ArithmeticException | DateTimeException e) {
            logReadFailure(e);
            return false;
        }
    }

    private boolean reachedAt(ServiceLevelAlarm alarm) {
        if (raised.contains(Raised.of(alarm.clock(), alarm.group(), alarm.breach(), alarm.at()))) {
            return false;
        }
        ServiceLevelReading reading = clock.readingAt(asOf == null || alarm.at().isAfter(asOf) ? alarm.at() : asOf);
        return switch (alarm.clock()) {
            case RESPONSE -> alarm.at().equals(thresholdAt(reading.response(), alarm.breach()));
            case RESOLUTION -> alarm.at().equals(thresholdAt(reading.resolution(), alarm.breach()));
            case SUPPORT_GROUP_RESPONSE -> reading.stints().stream()
                    .filter(stint -> alarm.group() != null && alarm.group().value().equals(stint.group()))
                    .anyMatch(stint -> alarm.at().equals(alarm.breach() ? stint.breachAt() : stint.warningAt()));
        };
    }

    private void addReached(ServiceLevelClockKind kind, SupportGroupId group, ClockReading reading,
                            Map<Raised, ServiceLevelAlarm> pending) {
        if (reading.warningAt() != null) {
            addUnraised(new ServiceLevelAlarm(kind, group, false, reading.warningAt(), reading.priority(),
                    reading.target()), pending);
        }
        if (reading.breachAt() != null) {
            addUnraised(new ServiceLevelAlarm(kind, group, true, reading.breachAt(), reading.priority(),
                    reading.target()), pending);
        }
    }

    private void addReached(StintReading stint, ClockReading resolution, Map<Raised, ServiceLevelAlarm> pending) {
        // A stint reading has no priority of its own; it runs under the incident's current one.
        SupportGroupId group = new SupportGroupId(stint.group());
        if (stint.warningAt() != null) {
            addUnraised(new ServiceLevelAlarm(ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, group, false,
                    stint.warningAt(), resolution.priority(), stint.target()), pending);
        }
        if (stint.breachAt() != null) {
            addUnraised(new ServiceLevelAlarm(ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, group, true,
                    stint.breachAt(), resolution.priority(), stint.target()), pending);
        }
    }

    private void addUnraised(ServiceLevelAlarm alarm, Map<Raised, ServiceLevelAlarm> pending) {
        Raised key = Raised.of(alarm.clock(), alarm.group(), alarm.breach(), alarm.at());
        if (!raised.contains(key) && raises(alarm.at())) {
            pending.putIfAbsent(key, alarm);
        }
    }

    private void logReadFailure(RuntimeException e) {
        if (readFailureLogged) {
            return;
        }
        readFailureLogged = true;
        ServiceLevelPolicy policy = terms.policy();
        log.error("Service level clocks of incident {} under policy {} version {} cannot be read, so they raise no"
                + " warnings or breaches: {}", incidentId, policy.id(), policy.version(), e.toString());
    }

    private static Instant thresholdAt(ClockReading reading, boolean breach) {
        return breach ? reading.breachAt() : reading.warningAt();
    }

    /**
     * Returns true when both states have the same terms and raised alarms, and their clocks give the same reading
     * and the same upcoming alarms. The aggregate test fixture compares the state a command leaves with the state
     * its events rebuild, and the clock's internals have no equality of their own.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof IncidentServiceLevel state
                && terms.equals(state.terms)
                && raised.equals(state.raised)
                && Objects.equals(asOf, state.asOf)
                && imported == state.imported
                && Objects.equals(liveSince, state.liveSince)
                && stopped() == state.stopped()
                && Objects.equals(clockOutput(), state.clockOutput());
    }

    /** Returns the reading and upcoming alarms, or the kind of failure when the clocks cannot be read. */
    private Object clockOutput() {
        if (asOf == null || stopped()) {
            return null;
        }
        try {
            return List.of(clock.readingAt(asOf), clock.upcomingAlarms());
        } catch (IllegalStateException | ArithmeticException | DateTimeException e) {
            return e.getClass();
        }
    }

    @Override
    public int hashCode() {
        return Objects.hash(terms, raised, asOf);
    }
}
