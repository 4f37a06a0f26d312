package dev.incidents.query.whatif;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.query.access.Rejections;
import dev.incidents.query.servicelevel.ServiceLevelDefinitionLookup;
import dev.incidents.query.whatif.WhatIfReport.ComplianceComparison;
import dev.incidents.query.whatif.WhatIfReport.IncidentComparison;
import dev.incidents.query.whatif.IncidentJudgement.AlternativeTermsFailedException;
import dev.incidents.query.whatif.WhatIfReport.Summary;
import dev.incidents.query.whatif.WhatIfReport.Terms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges incidents again under other service level terms. For each incident it replays the events from the event
 * store through two {@link dev.incidents.api.sla.ServiceLevelClock}s: one with the terms recorded in its
 * {@link IncidentReported}, one with the alternative. It only reads: it sends no command and writes no read model.
 */
@Component
class WhatIfAnalysis {

    /** Roles that may run an analysis; a manager only over the groups they manage. */
    static final Set<Role> ANALYSTS = EnumSet.of(Role.MANAGER, Role.ANALYST, Role.ADMIN);

    private static final Logger log = LoggerFactory.getLogger(WhatIfAnalysis.class);

    private final IncidentSelector selector;
    private final IncidentHistory history;
    private final ServiceLevelDefinitionLookup lookup;
    private final Clock clock;

    WhatIfAnalysis(IncidentSelector selector, IncidentHistory history, ServiceLevelDefinitionLookup lookup) {
        this.selector = selector;
        this.history = history;
        this.lookup = lookup;
        this.clock = Clock.systemUTC();
    }

    WhatIfReport run(Caller caller, WhatIfRequest request) {
        checkRole(caller);
        AlternativeTerms alternative = AlternativeTerms.resolve(request, lookup);
        AlternativeTermsProblem.checkOpeningHours(request, alternative);
        List<String> incidentIds = selector.select(caller, request.incidents());
        Terms alternativeLabel = new Terms(alternative.policyId(), alternative.policyVersion(),
                alternative.calendarId(), alternative.calendarVersion(), alternative.zone());
        log.info("Starting a what-if analysis of {} incidents for user {} under {}", incidentIds.size(),
                caller.user(), alternativeLabel);

        long started = System.nanoTime();
        Instant asOf = clock.instant();
        List<IncidentComparison> comparisons = new ArrayList<>(incidentIds.size());
        for (String incidentId : incidentIds) {
            comparisons.add(compare(incidentId, request, alternative, alternativeLabel, asOf));
        }
        WhatIfReport report = new WhatIfReport(asOf, alternativeLabel, summarise(comparisons), comparisons);

        log.info("Finished the what-if analysis of {} incidents for user {} in {} ms", incidentIds.size(),
                caller.user(), (System.nanoTime() - started) / 1_000_000);
        return report;
    }

    private IncidentComparison compare(String incidentId, WhatIfRequest request, AlternativeTerms alternative,
                                       Terms alternativeLabel, Instant asOf) {
        List<IncidentEvent> events = history.events(incidentId);
        if (events.isEmpty() || !(events.get(0) instanceof IncidentReported)) {
            // The summary exists, so its events must too; the stores belong to different deployments otherwise.
            throw new IllegalStateException("incident " + incidentId + " is in the read model, but its stream in"
                    + " the event store " + (events.isEmpty() ? "is empty"
                    : "starts with " + events.get(0).getClass().getSimpleName()));
        }

        try {
            IncidentComparison comparison = IncidentJudgement.compare(incidentId, events, alternative.terms(),
                    alternativeLabel, asOf);
            if (comparison.recordedFailure() != null) {
                log.warn("What-if analysis of incident {}: {}", incidentId, comparison.recordedFailure());
            }
            return comparison;
        } catch (AlternativeTermsFailedException e) {
            log.info("Rejecting a what-if analysis: {}", e.getMessage());
            throw AlternativeTermsProblem.of(request, alternative, e);
        }
    }

    private static Summary summarise(List<IncidentComparison> comparisons) {
        ComplianceTally recordedResponse = new ComplianceTally();
        ComplianceTally recordedResolution = new ComplianceTally();
        ComplianceTally whatIfResponse = new ComplianceTally();
        ComplianceTally whatIfResolution = new ComplianceTally();
        int withoutRecordedTerms = 0;
        int recordedFailed = 0;
        for (IncidentComparison comparison : comparisons) {
            if (comparison.recordedFailure() != null) {
                recordedFailed++;
            } else if (comparison.recorded() == null) {
                withoutRecordedTerms++;
            } else {
                recordedResponse.add(comparison.recorded().response());
                recordedResolution.add(comparison.recorded().resolution());
            }
            whatIfResponse.add(comparison.whatIf().response());
            whatIfResolution.add(comparison.whatIf().resolution());
        }
        return new Summary(comparisons.size(), withoutRecordedTerms, recordedFailed,
                new ComplianceComparison(recordedResponse.compliance(), whatIfResponse.compliance()),
                new ComplianceComparison(recordedResolution.compliance(), whatIfResolution.compliance()));
    }

    private static void checkRole(Caller caller) {
        if (caller.roles().stream().noneMatch(ANALYSTS::contains)) {
            String roles = caller.roles().isEmpty() ? "no role"
                    : caller.roles().stream().map(Role::name).sorted().collect(Collectors.joining(", "));
            throw Rejections.reject(caller, "what-if analysis",
                    "user " + caller.user() + " may run what-if analyses only with one of the roles "
                            + ANALYSTS.stream().map(Role::name).collect(Collectors.joining(", ")),
                    "the user holds " + roles);
        }
    }
}
