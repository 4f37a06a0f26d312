package dev.incidents.api.sla;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;

import java.time.Duration;
import java.time.Instant;

/**
 * An instant at which a running service level clock reaches its warning threshold or its target unless another
 * event of the incident comes first. The incident aggregate schedules one deadline per alarm and raises
 * {@code ServiceLevelWarningRaised} or {@code ServiceLevelBreached} with {@code at} as the event's time.
 *
 * @param group    support group of the stint for {@link ServiceLevelClockKind#SUPPORT_GROUP_RESPONSE}; otherwise
 *                 null
 * @param breach   true for the target, false for the warning threshold
 * @param at       instant the threshold is reached; {@link ServiceLevelClock#readingAt} reports the same instant as
 *                 {@code warningAt} or {@code breachAt} once it has passed
 * @param priority priority whose target applies
 * @param target   business time allowed for {@code priority}, the whole target also for a warning
 */
public record ServiceLevelAlarm(ServiceLevelClockKind clock, SupportGroupId group, boolean breach, Instant at,
                                Priority priority, Duration target) {
}
