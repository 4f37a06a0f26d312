package dev.incidents.api.incident;

import dev.incidents.api.sla.ServiceLevelClockKind;
import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;

/**
 * A service level clock reached its warning threshold. The actor is the policy, and {@code occurredAt} is the
 * instant the threshold was reached, computed from the clock, not the moment the timer fired.
 *
 * @param group support group of the stint for {@link ServiceLevelClockKind#SUPPORT_GROUP_RESPONSE}; otherwise null
 */
@Revision("1")
public record ServiceLevelWarningRaised(
        IncidentId incidentId,
        ServiceLevelClockKind clock,
        SupportGroupId group,
        Priority priority,
        Duration target,
        String policyId,
        int policyVersion,
        Actor actor,
        Instant occurredAt) implements IncidentEvent {
}
