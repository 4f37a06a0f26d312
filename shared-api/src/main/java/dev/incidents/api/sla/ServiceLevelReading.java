package dev.incidents.api.sla;

import java.time.Instant;

/**
 * Service level figures of one incident at {@code asOf}, with the policy version and calendar zone they were
 * judged by.
 */
public record ServiceLevelReading(String policyId, int policyVersion, String zone, Instant asOf,
                                  ClockReading response, ClockReading resolution) {
}
