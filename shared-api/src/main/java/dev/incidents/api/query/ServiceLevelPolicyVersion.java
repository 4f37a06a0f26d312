package dev.incidents.api.query;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.ServiceLevelPolicy;
import dev.incidents.api.sla.ServiceLevelTargets;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A published version of a service level policy, as the query side projects it.
 *
 * @param calendarId            customer calendar of the response and resolution clocks
 * @param supportGroupCalendars calendar id by support group id, for the groups' own response clocks
 */
public record ServiceLevelPolicyVersion(String id, int version, Instant effectiveFrom, String calendarId,
                                        Map<String, String> supportGroupCalendars,
                                        Map<Priority, ServiceLevelTargets> targets, double warningThreshold,
                                        Actor publishedBy, Instant publishedAt) {

    public ServiceLevelPolicyVersion {
        // Sorted maps keep the JSON form in a stable order: groups by id, priorities from P1.
        supportGroupCalendars = Collections.unmodifiableMap(
                supportGroupCalendars == null ? new TreeMap<>() : new TreeMap<>(supportGroupCalendars));
        Map<Priority, ServiceLevelTargets> byPriority = new EnumMap<>(Priority.class);
        if (targets != null) {
            byPriority.putAll(targets);
        }
        targets = Collections.unmodifiableMap(byPriority);
    }

    /** Creates the version that {@code policy} was published as. */
    public static ServiceLevelPolicyVersion of(ServiceLevelPolicy policy, String calendarId,
                                               Map<String, String> supportGroupCalendars, Actor publishedBy,
                                               Instant publishedAt) {
        return new ServiceLevelPolicyVersion(policy.id(), policy.version(), policy.effectiveFrom(), calendarId,
                supportGroupCalendars, policy.targets(), policy.warningThreshold(), publishedBy, publishedAt);
    }

    /** Returns the policy for running service level clocks. */
    public ServiceLevelPolicy toPolicy() {
        return new ServiceLevelPolicy(id, version, effectiveFrom, targets, warningThreshold);
    }
}
