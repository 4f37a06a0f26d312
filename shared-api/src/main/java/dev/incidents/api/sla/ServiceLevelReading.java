package dev.incidents.api.sla;

import java.time.Instant;
import java.util.List;

/**
 * Service level figures of one incident at {@code asOf}, with the policy version and calendar they were judged by.
 *
 * @param stints  support group stints in the order they began
 * @param promise the latest promised resolution time; null when no promise was made
 */
public record ServiceLevelReading(String policyId, int policyVersion, String zone, Instant asOf,
                                  ClockReading response, ClockReading resolution, List<StintReading> stints,
                                  PromiseReading promise) {

    public ServiceLevelReading {
        stints = stints == null ? List.of() : List.copyOf(stints);
    }

    /** Creates a reading without stints and promise. */
    public ServiceLevelReading(String policyId, int policyVersion, String zone, Instant asOf,
                               ClockReading response, ClockReading resolution) {
        this(policyId, policyVersion, zone, asOf, response, resolution, List.of(), null);
    }
}
