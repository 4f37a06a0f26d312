package dev.incidents.api.sla;

import dev.incidents.api.snapshot.SerializedByFields;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One support group's stint with an incident: its own response clock, on the group's calendar, from the moment the
 * group received the incident until it accepted, handed the incident on, resolved it, or the incident was
 * cancelled.
 */
@SerializedByFields
final class SupportGroupStint {

    private final SupportGroupId group;
    private final String calendarId;
    private final int calendarVersion;
    private final Instant startedAt;
    private final BusinessStopwatch stopwatch;

    private Instant endedAt;
    private StintOutcome outcome;

    /** Used by Jackson only, to read the stint back from a snapshot. Jackson then sets every field. */
    private SupportGroupStint() {
        this.group = null;
        this.calendarId = null;
        this.calendarVersion = 0;
        this.startedAt = null;
        this.stopwatch = null;
    }

    /**
     * Starts the stint at {@code at}.
     *
     * @param calendarId null, with version 0, when the clock was built without service level terms
     */
    SupportGroupStint(SupportGroupId group, String calendarId, int calendarVersion, BusinessCalendar calendar,
                      double warningThreshold, Priority priority, Duration target, Instant at) {
        this.group = group;
        this.calendarId = calendarId;
        this.calendarVersion = calendarVersion;
        this.startedAt = at;
        this.stopwatch = new BusinessStopwatch(calendar, warningThreshold);
        stopwatch.changeTarget(priority, target, at);
        stopwatch.start(at);
    }

    SupportGroupId group() {
        return group;
    }

    boolean running() {
        return endedAt == null;
    }

    /** Switches to the target of a new priority, keeping the elapsed time. */
    void changeTarget(Priority priority, Duration target, Instant at) {
        if (running()) {
            stopwatch.changeTarget(priority, target, at);
        }
    }

    /** Ends the stint because the group accepted the incident or resolved it, judged against the target. */
    void complete(Instant at) {
        if (running()) {
            stopwatch.stop(at);
            endedAt = at;
            outcome = stopwatch.readingAt(at).breached() ? StintOutcome.BREACHED : StintOutcome.MET;
        }
    }

    /** Ends the stint because the incident moved to another group before this one accepted it. */
    void handOn(Instant at) {
        if (running()) {
            stopwatch.cancel(at);
            endedAt = at;
            outcome = StintOutcome.HANDED_ON;
        }
    }

    /** Ends the stint without an outcome because the incident was cancelled. */
    void cancel(Instant at) {
        if (running()) {
            stopwatch.cancel(at);
            endedAt = at;
        }
    }

    /** Returns the figures at {@code asOf}, which must not be before the last change of this stint. */
    StintReading readingAt(Instant asOf) {
        ClockReading clock = stopwatch.readingAt(asOf);
        return new StintReading(group.value(), calendarId, calendarVersion, startedAt, endedAt, clock.target(),
                clock.elapsed(), clock.dueAt(), clock.warningAt(), clock.breachAt(), outcome);
    }

    /** Adds the warning and breach the running stint reaches at or after {@code notBefore}. */
    void addUpcomingAlarms(Instant notBefore, List<ServiceLevelAlarm> alarms) {
        stopwatch.addUpcomingAlarms(ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, group, notBefore, alarms);
    }
}
