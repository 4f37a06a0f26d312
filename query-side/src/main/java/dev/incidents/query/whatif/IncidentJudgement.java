package dev.incidents.query.whatif;

import dev.incidents.api.incident.IncidentClassified;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.whatif.WhatIfReport.IncidentComparison;
import dev.incidents.query.whatif.WhatIfReport.Reading;
import dev.incidents.query.whatif.WhatIfReport.Terms;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;

/**
 * Judges one incident's events by its recorded terms and by the alternative terms. The clocks throw
 * {@link IllegalStateException}, {@link ArithmeticException} or {@link DateTimeException} when terms cannot be
 * counted: a calendar without opening hours, or a target too large to reach within
 * {@link dev.incidents.api.sla.BusinessCalendar#SEARCH_YEARS} years or to add to an instant. A failure of the
 * recorded terms is reported in the comparison, and a failure of the alternative terms is raised as
 * {@link AlternativeTermsFailedException}, because the request chose them.
 */
final class IncidentJudgement {

    private IncidentJudgement() {
    }

    static IncidentComparison compare(String incidentId, List<IncidentEvent> events, ServiceLevelTerms alternative,
                                      Terms alternativeLabel, Instant asOf) {
        IncidentReported reported = (IncidentReported) events.get(0);
        Priority priority = reported.priority();
        Instant lastEventAt = reported.occurredAt();
        for (IncidentEvent event : events) {
            if (event instanceof IncidentClassified classified && classified.priority() != null) {
                priority = classified.priority();
            }
            if (event.occurredAt().isAfter(lastEventAt)) {
                lastEventAt = event.occurredAt();
            }
        }

        // Clocks cannot be read before their last event, which a skewed clock could date after asOf.
        Instant readAt = lastEventAt.isAfter(asOf) ? lastEventAt : asOf;
        Reading whatIf;
        try {
            whatIf = run(alternative, alternativeLabel, events, readAt);
        } catch (IllegalStateException | ArithmeticException | DateTimeException e) {
            throw new AlternativeTermsFailedException(incidentId, reported.occurredAt(), e);
        }

        ServiceLevelTerms recordedTerms = reported.serviceLevel();
        if (recordedTerms == null) {
            return new IncidentComparison(incidentId, reported.occurredAt(), priority, null, null, whatIf);
        }
        try {
            Reading recorded = run(recordedTerms, labelOf(recordedTerms), events, readAt);
            return new IncidentComparison(incidentId, reported.occurredAt(), priority, recorded, null, whatIf);
        } catch (IllegalStateException | ArithmeticException | DateTimeException e) {
            String failure = "the clocks cannot be counted under the recorded terms " + labelOf(recordedTerms)
                    + ": " + e.getMessage();
            return new IncidentComparison(incidentId, reported.occurredAt(), priority, null, failure, whatIf);
        }
    }

    private static Reading run(ServiceLevelTerms terms, Terms label, List<IncidentEvent> events, Instant readAt) {
        ClockRun run = new ClockRun(terms, label);
        for (IncidentEvent event : events) {
            run.apply(event);
        }
        return run.readingAt(readAt);
    }

    static Terms labelOf(ServiceLevelTerms terms) {
        return new Terms(terms.policy().id(), terms.policy().version(), terms.customerCalendar().id(),
                terms.customerCalendar().version(), terms.customerCalendar().calendar().zoneId());
    }

    /** Failure of the clocks under the alternative terms, for one incident. */
    static final class AlternativeTermsFailedException extends RuntimeException {

        private final String incidentId;
        private final Instant reportedAt;

        AlternativeTermsFailedException(String incidentId, Instant reportedAt, RuntimeException cause) {
            super("the clocks of incident " + incidentId + " cannot be counted under the alternative terms: "
                    + cause.getMessage(), cause);
            this.incidentId = incidentId;
            this.reportedAt = reportedAt;
        }

        String incidentId() {
            return incidentId;
        }

        Instant reportedAt() {
            return reportedAt;
        }
    }
}
