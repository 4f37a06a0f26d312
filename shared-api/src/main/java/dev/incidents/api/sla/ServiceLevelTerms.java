package dev.incidents.api.sla;

import dev.incidents.api.incident.SupportGroupId;

import java.util.Map;
import java.util.Objects;

/**
 * Everything an incident's service levels are judged by, fixed when it is reported: the policy version in effect
 * at the report, the customer's calendar for the response and resolution clocks, and the calendars of support
 * groups for their own response clocks. Groups missing from {@code supportGroupCalendars} use the customer's.
 *
 * @param supportGroupCalendars calendars by support group id
 */
public record ServiceLevelTerms(ServiceLevelPolicy policy, NamedCalendar customerCalendar,
                                Map<String, NamedCalendar> supportGroupCalendars) {

    public ServiceLevelTerms {
        Objects.requireNonNull(policy, "service level policy is missing");
        Objects.requireNonNull(customerCalendar, "customer calendar of policy " + policy.id() + " is missing");
        supportGroupCalendars = supportGroupCalendars == null ? Map.of() : Map.copyOf(supportGroupCalendars);
    }

    /** Returns the calendar on which {@code group}'s own response clock counts. */
    public NamedCalendar calendarOf(SupportGroupId group) {
        if (group == null) {
            return customerCalendar;
        }
        return supportGroupCalendars.getOrDefault(group.value(), customerCalendar);
    }
}
