package dev.incidents.api.sla;

import dev.incidents.api.incident.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Saves a new version of a business calendar, or its first. Saving opening hours, zone and holidays equal to the
 * latest version's changes nothing; the result is the version in effect afterwards.
 */
public record SaveBusinessCalendarCommand(@TargetAggregateIdentifier String calendarId, BusinessCalendar calendar,
                                          Actor actor, Instant occurredAt) {
}
