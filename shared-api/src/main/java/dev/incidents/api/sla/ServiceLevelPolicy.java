package dev.incidents.api.sla;

import dev.incidents.api.incident.Priority;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Versioned service level targets per priority. Each version is immutable, so a clock records the id and version
 * it judged by and later changes to the policy never alter earlier figures.
 *
 * @param effectiveFrom    first instant at which this version applies; choosing the version for an incident is
 *                         up to the caller
 * @param targets          response and resolution targets for every {@link Priority}
 * @param warningThreshold fraction of a target after which a clock warns, above 0 and at most 1
 */
public record ServiceLevelPolicy(String id, int version, Instant effectiveFrom,
                                 Map<Priority, ServiceLevelTargets> targets, double warningThreshold) {

    public static final double DEFAULT_WARNING_THRESHOLD = 0.75;

    public ServiceLevelPolicy {
        Objects.requireNonNull(id, "service level policy id is missing");
        if (id.isBlank()) {
            throw new IllegalArgumentException("invalid service level policy id '" + id + "': it must not be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("invalid version " + version + " of service level policy " + id
                    + ": versions start at 1");
        }
        Objects.requireNonNull(effectiveFrom, "effective-from instant of service level policy " + id + " is missing");
        targets = copyTargets(id, targets);
        if (!(warningThreshold > 0 && warningThreshold <= 1)) {
            throw new IllegalArgumentException("invalid warning threshold " + warningThreshold
                    + " of service level policy " + id + ": use a fraction above 0 and at most 1, such as 0.75");
        }
    }

    /** Creates a policy that warns at {@value #DEFAULT_WARNING_THRESHOLD} of each target. */
    public ServiceLevelPolicy(String id, int version, Instant effectiveFrom,
                              Map<Priority, ServiceLevelTargets> targets) {
        this(id, version, effectiveFrom, targets, DEFAULT_WARNING_THRESHOLD);
    }

    public ServiceLevelTargets targetsFor(Priority priority) {
        return targets.get(Objects.requireNonNull(priority, "priority is missing"));
    }

    private static Map<Priority, ServiceLevelTargets> copyTargets(String id, Map<Priority, ServiceLevelTargets> targets) {
        Objects.requireNonNull(targets, "targets of service level policy " + id + " are missing");
        Map<Priority, ServiceLevelTargets> copy = new EnumMap<>(Priority.class);
        for (Map.Entry<Priority, ServiceLevelTargets> entry : targets.entrySet()) {
            Priority priority = Objects.requireNonNull(entry.getKey(), "a priority in policy " + id + " is missing");
            copy.put(priority, Objects.requireNonNull(entry.getValue(),
                    "targets for " + priority + " in policy " + id + " are missing"));
        }

        for (Priority priority : Priority.values()) {
            if (!copy.containsKey(priority)) {
                throw new IllegalArgumentException("service level policy " + id + " has no targets for " + priority
                        + ": give response and resolution targets for each of " + Arrays.toString(Priority.values()));
            }
        }
        return Collections.unmodifiableMap(copy);
    }
}
