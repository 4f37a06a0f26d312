package dev.incidents.query.analytics;

import java.util.List;

import dev.incidents.query.sla.IncidentFlowFacts;
import dev.incidents.query.sla.ServiceLevelRecord;

/**
 * Figures of the {@code flow} metric.
 *
 * @param reassignmentRatePercent          incidents reassigned at least once, of all incidents
 * @param pingPongIncidents                incidents that went back to a group that held them before
 * @param pingPongOccurrences              returns to a group that held the incident before
 * @param reopenRatePercent                incidents reopened at least once, of the incidents ever resolved
 * @param firstContactResolutionRatePercent incidents the owner group resolved without routing them elsewhere and
 *                                          that stayed resolved, of the incidents ever resolved
 */
record FlowFigures(long incidents, long reassignedIncidents, long reassignments, Double reassignmentRatePercent,
                   long pingPongIncidents, long pingPongOccurrences, long resolvedIncidents, long reopenedIncidents,
                   long reopens, Double reopenRatePercent, long firstContactResolutions,
                   Double firstContactResolutionRatePercent) {

    static FlowFigures of(List<ServiceLevelRecord> records) {
        long reassigned = 0;
        long reassignments = 0;
        long pingPongIncidents = 0;
        long pingPongs = 0;
        long resolved = 0;
        long reopened = 0;
        long reopens = 0;
        long firstContact = 0;

        for (ServiceLevelRecord serviceLevel : records) {
            IncidentFlowFacts facts = serviceLevel.facts();
            reassignments += facts.reassignmentCount();
            reassigned += facts.reassignmentCount() > 0 ? 1 : 0;
            pingPongs += facts.pingPongCount();
            pingPongIncidents += facts.pingPonged() ? 1 : 0;
            reopens += facts.reopenCount();
            reopened += facts.reopenCount() > 0 ? 1 : 0;
            resolved += facts.everResolved() ? 1 : 0;
            firstContact += Boolean.TRUE.equals(facts.firstContactResolution()) ? 1 : 0;
        }

        long incidents = records.size();
        return new FlowFigures(incidents, reassigned, reassignments, Percentages.of(reassigned, incidents),
                pingPongIncidents, pingPongs, resolved, reopened, reopens, Percentages.of(reopened, resolved),
                firstContact, Percentages.of(firstContact, resolved));
    }
}
