package dev.incidents.api.sla;

import dev.incidents.api.snapshot.SerializedByFields;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One service level clock: counts business time in segments between a start or resume and the next pause or stop,
 * and records when the elapsed time crossed the warning threshold and the target.
 *
 * <p>Crossings are computed from the calendar, not observed, so the figures do not depend on when the clock is read
 * or how often. Reading never changes the state; only the transitions do.
 */
@SerializedByFields
final class BusinessStopwatch {

    private final BusinessCalendar calendar;
    private final double warningThreshold;

    private ClockStatus status = ClockStatus.NOT_STARTED;
    private Priority priority;
    private Duration target;
    private Duration warningTarget;
    /** Business time of the closed segments. */
    private Duration closedElapsed = Duration.ZERO;
    /** Start of the open segment, or null unless RUNNING. */
    private Instant runningSince;
    private Instant warningAt;
    private Instant breachAt;
    private ClockOutcome outcome;
    /** Priority and target set while STOPPED, applied on restart, or null when unchanged. */
    private Priority nextPriority;
    private Duration nextTarget;

    /** Used by Jackson only, to read the stopwatch back from a snapshot. Jackson then sets every field. */
    private BusinessStopwatch() {
        this(null, 0);
    }

    BusinessStopwatch(BusinessCalendar calendar, double warningThreshold) {
        this.calendar = calendar;
        this.warningThreshold = warningThreshold;
    }

    ClockStatus status() {
        return status;
    }

    /**
     * Sets the target that applies from {@code at}, keeping elapsed time, pauses and earlier crossings. A stopped
     * clock keeps the target it was judged by and takes the new one only if it restarts.
     */
    void changeTarget(Priority newPriority, Duration newTarget, Instant at) {
        if (status == ClockStatus.STOPPED) {
            nextPriority = newPriority;
            nextTarget = newTarget;
            return;
        }
        if (status == ClockStatus.RUNNING) {
            // Closing the segment records crossings of the old target before the new one applies.
            closeSegment(at);
            runningSince = at;
        }

        priority = newPriority;
        target = newTarget;
        warningTarget = warningTarget(newTarget);
        if (status == ClockStatus.RUNNING || status == ClockStatus.PAUSED) {
            recordReachedTargets(at);
        }
    }

    void start(Instant at) {
        if (status == ClockStatus.NOT_STARTED) {
            status = ClockStatus.RUNNING;
            runningSince = at;
            recordReachedTargets(at);
        }
    }

    void pause(Instant at) {
        if (status == ClockStatus.RUNNING) {
            closeSegment(at);
            status = ClockStatus.PAUSED;
        }
    }

    void resume(Instant at) {
        if (status == ClockStatus.PAUSED) {
            status = ClockStatus.RUNNING;
            runningSince = at;
        }
    }

    /** Stops a running or paused clock and fixes its outcome. */
    void stop(Instant at) {
        if (status == ClockStatus.RUNNING || status == ClockStatus.PAUSED) {
            closeIfRunning(at);
            status = ClockStatus.STOPPED;
            outcome = breachAt == null ? ClockOutcome.MET : ClockOutcome.BREACHED;
        }
    }

    /** Continues a stopped clock from its elapsed time. A cancelled clock stays ended. */
    void restart(Instant at) {
        if (status == ClockStatus.STOPPED && outcome != null) {
            status = ClockStatus.PAUSED;
            outcome = null;
            if (nextTarget != null) {
                changeTarget(nextPriority, nextTarget, at);
                nextPriority = null;
                nextTarget = null;
            }
            recordReachedTargets(at);
            resume(at);
        }
    }

    /** Ends a clock that has no outcome yet, without giving it one. */
    void cancel(Instant at) {
        if (status != ClockStatus.STOPPED) {
            closeIfRunning(at);
            status = ClockStatus.STOPPED;
        }
    }

    /** Returns the figures at {@code asOf}, which must not be before the last transition. */
    ClockReading readingAt(Instant asOf) {
        Duration elapsed = closedElapsed;
        Instant warning = warningAt;
        Instant breach = breachAt;
        Instant due = null;
        if (status == ClockStatus.RUNNING) {
            elapsed = elapsed.plus(calendar.businessTimeBetween(runningSince, asOf));
            warning = warning != null ? warning : crossingInSegment(warningTarget, elapsed);
            breach = breach != null ? breach : crossingInSegment(target, elapsed);
            due = breach != null ? breach : calendar.addBusinessTime(runningSince, target.minus(closedElapsed));
        }

        Duration remaining = target == null ? null : max(target.minus(elapsed), Duration.ZERO);
        return new ClockReading(status, priority, target, elapsed, remaining, due, warning, breach, outcome);
    }

    /**
     * Adds the warning and breach of a RUNNING clock that are reached at or after {@code notBefore}: a crossing
     * recorded at that instant, as by a priority change, or the instant the open segment reaches the threshold.
     * The instants are those {@link #readingAt} reports.
     */
    void addUpcomingAlarms(ServiceLevelClockKind kind, SupportGroupId group, Instant notBefore,
                           List<ServiceLevelAlarm> alarms) {
        if (status != ClockStatus.RUNNING) {
            return;
        }

        Instant warning = warningAt != null ? warningAt : reachedInOpenSegment(warningTarget);
        if (!warning.isBefore(notBefore)) {
            alarms.add(new ServiceLevelAlarm(kind, group, false, warning, priority, target));
        }
        Instant breach = breachAt != null ? breachAt : reachedInOpenSegment(target);
        if (!breach.isBefore(notBefore)) {
            alarms.add(new ServiceLevelAlarm(kind, group, true, breach, priority, target));
        }
    }

    private void closeIfRunning(Instant at) {
        if (status == ClockStatus.RUNNING) {
            closeSegment(at);
        }
    }

    private void closeSegment(Instant end) {
        Duration elapsed = closedElapsed.plus(calendar.businessTimeBetween(runningSince, end));
        if (warningAt == null) {
            warningAt = crossingInSegment(warningTarget, elapsed);
        }
        if (breachAt == null) {
            breachAt = crossingInSegment(target, elapsed);
        }

        closedElapsed = elapsed;
        runningSince = null;
    }

    /**
     * Returns the instant in the open segment at which the elapsed time reached {@code threshold}, or null when
     * {@code elapsedAtEnd} is still below it.
     */
    private Instant crossingInSegment(Duration threshold, Duration elapsedAtEnd) {
        if (elapsedAtEnd.compareTo(threshold) < 0) {
            return null;
        }
        return reachedInOpenSegment(threshold);
    }

    /** Returns the instant at which the open segment brings the elapsed time to {@code threshold}. */
    private Instant reachedInOpenSegment(Duration threshold) {
        return calendar.addBusinessTime(runningSince, max(threshold.minus(closedElapsed), Duration.ZERO));
    }

    /**
     * Records {@code at} as the crossing of each threshold that the closed elapsed time already reaches, which
     * happens when a higher priority brings a shorter target.
     */
    private void recordReachedTargets(Instant at) {
        if (warningAt == null && closedElapsed.compareTo(warningTarget) >= 0) {
            warningAt = at;
        }
        if (breachAt == null && closedElapsed.compareTo(target) >= 0) {
            breachAt = at;
        }
    }

    /** Returns {@code warningThreshold x target}, rounded up to whole nanoseconds so the warning is never early. */
    private Duration warningTarget(Duration fullTarget) {
        BigDecimal nanos = new BigDecimal(fullTarget.toNanos()).multiply(BigDecimal.valueOf(warningThreshold));
        return Duration.ofNanos(nanos.setScale(0, RoundingMode.CEILING).longValueExact());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
