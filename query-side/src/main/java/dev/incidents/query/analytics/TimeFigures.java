package dev.incidents.query.analytics;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import dev.incidents.query.sla.IncidentFlowFacts;
import dev.incidents.query.sla.ServiceLevelRecord;

/**
 * Figures of the {@code times} metric, in minutes. Time to accept runs from the report to the first acceptance,
 * time to resolve from the report to the latest resolution of an incident that is resolved now. Wall-clock times
 * count every minute. Business times count the open hours of the incident's customer calendar, so incidents
 * without service level terms count in wall-clock figures only.
 */
record TimeFigures(Pair accept, Pair resolve) {

    record Pair(Distribution wallClock, Distribution business) {
    }

    static TimeFigures of(List<ServiceLevelRecord> records) {
        return new TimeFigures(
                new Pair(distribution(records, IncidentFlowFacts::wallMillisToAccept),
                        distribution(records, IncidentFlowFacts::businessMillisToAccept)),
                new Pair(distribution(records, IncidentFlowFacts::wallMillisToResolve),
                        distribution(records, IncidentFlowFacts::businessMillisToResolve)));
    }

    private static Distribution distribution(List<ServiceLevelRecord> records,
                                             Function<IncidentFlowFacts, Long> millis) {
        return Distribution.ofMillis(records.stream()
                .map(serviceLevel -> millis.apply(serviceLevel.facts()))
                .filter(Objects::nonNull)
                .toList());
    }
}
