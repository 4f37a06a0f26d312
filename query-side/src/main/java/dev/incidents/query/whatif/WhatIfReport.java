package dev.incidents.query.whatif;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.ClockOutcome;
import dev.incidents.api.sla.ClockStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Result of a what-if analysis: each incident judged by its recorded terms and by the alternative, side by side,
 * and the compliance of both.
 *
 * @param asOf        instant at which running clocks were read
 * @param alternative the policy and calendar of the what-if side
 */
record WhatIfReport(Instant asOf, Terms alternative, Summary summary, List<IncidentComparison> incidents) {

    WhatIfReport {
        incidents = List.copyOf(incidents);
    }

    /**
     * The policy and calendar of one side. Inline policies and calendars have no id and version.
     *
     * @param zone time zone of the calendar
     */
    record Terms(String policyId, Integer policyVersion, String calendarId, Integer calendarVersion, String zone) {
    }

    /**
     * One incident under both sides.
     *
     * @param priority priority after the incident's last event
     * @param recorded        figures under the terms recorded when it was reported; null when it has none or when
     *                        they cannot be counted
     * @param recordedFailure why the clocks cannot be counted under the recorded terms; null when they can
     * @param whatIf          figures under the alternative terms
     */
    record IncidentComparison(String incidentId, Instant reportedAt, Priority priority, Reading recorded,
                              String recordedFailure, Reading whatIf) {
    }

    /** The response and resolution clocks of one incident under one side's terms. */
    record Reading(Terms terms, ClockFigures response, ClockFigures resolution) {
    }

    /**
     * Figures of one clock.
     *
     * @param dueAt     while RUNNING, the instant the target is reached if it keeps running. Once STOPPED with
     *                  MET, the instant it would have reached the target had it kept running from its stop; with
     *                  BREACHED, the breach. Null while NOT_STARTED or PAUSED, and after a cancellation
     * @param breachAt  instant elapsed time reached the target; null if it did not
     * @param outcome   MET or BREACHED once stopped; null otherwise
     */
    record ClockFigures(ClockStatus status, Priority priority, Duration target, Duration elapsed, Instant dueAt,
                        Instant breachAt, ClockOutcome outcome) {
    }

    /**
     * Compliance over all incidents of the analysis.
     *
     * @param incidentsWithoutRecordedTerms    incidents whose report recorded no terms; they count on the what-if
     *                                         side only
     * @param incidentsWithFailedRecordedTerms incidents whose recorded terms the clocks cannot count, such as a
     *                                         calendar without opening hours; they count on the what-if side only
     */
    record Summary(int incidents, int incidentsWithoutRecordedTerms, int incidentsWithFailedRecordedTerms,
                   ComplianceComparison response,
                   ComplianceComparison resolution) {
    }

    record ComplianceComparison(Compliance recorded, Compliance whatIf) {
    }

    /**
     * Counts of one clock over the incidents of one side.
     *
     * @param breached          clocks that reached their target, whether stopped or still counting
     * @param undecided         clocks not started, running or paused within their target, or stopped by a
     *                          cancellation
     * @param compliancePercent met as a percentage of met plus breached, to one decimal; null when both are zero
     */
    record Compliance(int met, int breached, int undecided, Double compliancePercent) {
    }
}
