package dev.incidents.command.servicelevel;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.ServiceLevelTargets;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Content of the service levels file: calendars and policies with their versions in order.
 *
 * @param calendars calendars in file order
 * @param policies  policies in file order
 */
record ServiceLevelSeed(List<Calendar> calendars, List<Policy> policies) {

    record Calendar(String id, BusinessCalendar calendar) {
    }

    /** @param versions versions 1, 2, ... in order */
    record Policy(String id, List<PolicyVersion> versions) {
    }

    record PolicyVersion(Instant effectiveFrom, String calendarId, Map<String, String> supportGroupCalendars,
                         Map<Priority, ServiceLevelTargets> targets, double warningThreshold) {
    }
}
