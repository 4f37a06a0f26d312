package dev.incidents.query.analytics;

import java.util.List;

import dev.incidents.api.sla.ClockOutcome;
import dev.incidents.api.sla.StintOutcome;
import dev.incidents.query.sla.ClockDocument;
import dev.incidents.query.sla.ReadingDocument;
import dev.incidents.query.sla.ServiceLevelRecord;
import dev.incidents.query.sla.StintDocument;

/**
 * Compliance of the {@code service-levels} metric. Only stopped clocks with an outcome count: running, paused and
 * cancelled clocks have none yet. Incidents reported without service level terms count in
 * {@code incidentsWithoutTerms} only.
 */
record ServiceLevelFigures(long incidentsWithTerms, long incidentsWithoutTerms, Compliance response,
                           Compliance resolution, StintCompliance stints) {

    /** @param compliancePercent met / (met + breached), null when no clock stopped */
    record Compliance(long met, long breached, Double compliancePercent) {
    }

    /** @param compliancePercent met / (met + breached); stints handed on count in neither */
    record StintCompliance(long met, long breached, long handedOn, Double compliancePercent) {
    }

    static ServiceLevelFigures of(List<ServiceLevelRecord> records) {
        long withTerms = 0;
        long[] response = new long[2];
        long[] resolution = new long[2];
        long[] stints = new long[3];

        for (ServiceLevelRecord serviceLevel : records) {
            ReadingDocument reading = serviceLevel.reading();
            if (!serviceLevel.hasTerms() || reading == null) {
                continue;
            }
            withTerms++;
            count(reading.response(), response);
            count(reading.resolution(), resolution);
            for (StintDocument stint : reading.stints()) {
                if (stint.outcome() == StintOutcome.MET) {
                    stints[0]++;
                } else if (stint.outcome() == StintOutcome.BREACHED) {
                    stints[1]++;
                } else if (stint.outcome() == StintOutcome.HANDED_ON) {
                    stints[2]++;
                }
            }
        }

        return new ServiceLevelFigures(withTerms, records.size() - withTerms, compliance(response),
                compliance(resolution),
                new StintCompliance(stints[0], stints[1], stints[2], Percentages.of(stints[0], stints[0] + stints[1])));
    }

    /** Adds a decided clock to {@code metBreached}: index 0 counts met, index 1 breached. */
    private static void count(ClockDocument clock, long[] metBreached) {
        if (clock != null && clock.decided()) {
            metBreached[clock.outcome() == ClockOutcome.MET ? 0 : 1]++;
        }
    }

    private static Compliance compliance(long[] metBreached) {
        return new Compliance(metBreached[0], metBreached[1],
                Percentages.of(metBreached[0], metBreached[0] + metBreached[1]));
    }
}
