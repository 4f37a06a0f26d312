package dev.incidents.api.sla;

import dev.incidents.api.incident.Actor;
import dev.incidents.api.incident.Priority;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/**
 * Publishes the next version of a service level policy, effective from {@code effectiveFrom}. Incidents reported
 * before that instant keep the version they were judged by.
 *
 * @param calendarId            customer calendar for the response and resolution clocks
 * @param supportGroupCalendars calendar id by support group id, for the groups' own response clocks
 */
public record PublishServiceLevelPolicyCommand(@TargetAggregateIdentifier String policyId, Instant effectiveFrom,
                                               String calendarId, Map<String, String> supportGroupCalendars,
                                               Map<Priority, ServiceLevelTargets> targets, double warningThreshold,
                                               Actor actor, Instant occurredAt) {
}
