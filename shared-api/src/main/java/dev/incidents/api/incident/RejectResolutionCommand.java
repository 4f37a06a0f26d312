package dev.incidents.api.incident;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the proposed resolution did not solve the problem; work goes on without counting a reopen. */
public record RejectResolutionCommand(
        @TargetAggregateIdentifier IncidentId incidentId,
        String reason,
        Actor actor,
        Instant occurredAt) {
}
