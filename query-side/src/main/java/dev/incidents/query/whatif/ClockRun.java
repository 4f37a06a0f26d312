package dev.incidents.query.whatif;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.ClockOutcome;
import dev.incidents.api.sla.ClockReading;
import dev.incidents.api.sla.ClockStatus;
import dev.incidents.api.sla.ServiceLevelClock;
import dev.incidents.api.sla.ServiceLevelReading;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.whatif.WhatIfReport.ClockFigures;
import dev.incidents.query.whatif.WhatIfReport.Reading;
import dev.incidents.query.whatif.WhatIfReport.Terms;

import java.time.Instant;

/**
 * Runs the response and resolution clocks of one incident under one set of terms. It reads the clocks after every
 * event to note the instant each clock last stopped, from which {@link ClockFigures#dueAt()} of a met clock is
 * computed.
 */
final class ClockRun {

    private final Terms label;
    private final BusinessCalendar calendar;
    private final ServiceLevelClock clock;

    private Instant lastEventAt;
    private Instant responseStoppedAt;
    private Instant resolutionStoppedAt;

    ClockRun(ServiceLevelTerms terms, Terms label) {
        this.label = label;
        this.calendar = terms.customerCalendar().calendar();
        this.clock = new ServiceLevelClock(terms);
    }

    /** Returns the instant of the last applied event, or null before the first. */
    Instant lastEventAt() {
        return lastEventAt;
    }

    void apply(IncidentEvent event) {
        clock.apply(event);

        // The clock counts an event that occurred before the previous one at the previous one's instant.
        if (lastEventAt == null || event.occurredAt().isAfter(lastEventAt)) {
            lastEventAt = event.occurredAt();
        }
        ServiceLevelReading reading = clock.readingAt(lastEventAt);
        responseStoppedAt = stoppedAt(reading.response(), responseStoppedAt);
        resolutionStoppedAt = stoppedAt(reading.resolution(), resolutionStoppedAt);
    }

    /**
     * Returns the figures at {@code asOf}.
     *
     * @throws IllegalArgumentException when {@code asOf} is before the last applied event
     */
    Reading readingAt(Instant asOf) {
        ServiceLevelReading reading = clock.readingAt(asOf);
        return new Reading(label, figures(reading.response(), responseStoppedAt),
                figures(reading.resolution(), resolutionStoppedAt));
    }

    /** Returns the instant the clock stopped: the current event's instant if it stops now, else the one noted. */
    private Instant stoppedAt(ClockReading reading, Instant noted) {
        if (reading.status() != ClockStatus.STOPPED) {
            return null;
        }
        return noted == null ? lastEventAt : noted;
    }

    private ClockFigures figures(ClockReading reading, Instant stoppedAt) {
        return new ClockFigures(reading.status(), reading.priority(), reading.target(), reading.elapsed(),
                dueAt(reading, stoppedAt), reading.breachAt(), reading.outcome());
    }

    private Instant dueAt(ClockReading reading, Instant stoppedAt) {
        if (reading.status() == ClockStatus.RUNNING) {
            return reading.dueAt();
        }
        if (reading.outcome() == ClockOutcome.BREACHED) {
            return reading.breachAt();
        }
        if (reading.outcome() == ClockOutcome.MET) {
            return calendar.addBusinessTime(stoppedAt, reading.remaining());
        }
        return null;
    }
}
