package dev.incidents.api.sla;

import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.SupportGroupId;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Terms an incident's service levels are judged by, fixed when it is reported. They are the policy version in
 * effect at the report, the customer's calendar for the response and resolution clocks, and the calendars of
 * support groups for their own response clocks. Groups missing from {@code supportGroupCalendars} use the customer's.
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

    /**
     * Describes the first target that its calendar cannot count from {@code from}, or returns empty when every
     * target of every priority can be counted on each calendar it runs on. A calendar with no opening interval, a
     * target whose end lies beyond the {@value BusinessCalendar#SEARCH_YEARS}-year search of
     * {@link BusinessCalendar#addBusinessTime} or a target too large for nanosecond arithmetic makes the clocks
     * fail, so the caller rejects or drops such terms before any clock runs on them.
     */
    public Optional<String> unreachableTarget(Instant from) {
        Objects.requireNonNull(from, "start instant is missing");
        List<NamedCalendar> groupCalendars = new ArrayList<>(supportGroupCalendars.values());
        groupCalendars.add(customerCalendar);

        for (Map.Entry<Priority, ServiceLevelTargets> entry : policy.targets().entrySet()) {
            String priority = "P" + entry.getKey().number();
            ServiceLevelTargets targets = entry.getValue();
            Optional<String> problem = unreachable(customerCalendar, priority + ".response", targets.response(), from)
                    .or(() -> unreachable(customerCalendar, priority + ".resolution", targets.resolution(), from));
            for (NamedCalendar calendar : groupCalendars) {
                problem = problem.or(() -> unreachable(calendar, priority + ".supportGroupResponse",
                        targets.supportGroupResponse(), from));
            }
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> unreachable(NamedCalendar calendar, String target, Duration amount,
                                                Instant from) {
        try {
            // The warning share of a target is computed in nanoseconds.
            amount.toNanos();
            calendar.calendar().addBusinessTime(from, amount);
            return Optional.empty();
        } catch (IllegalStateException | ArithmeticException | DateTimeException e) {
            return Optional.of("target " + target + " " + amount + " cannot be counted on calendar " + calendar.id()
                    + " version " + calendar.version() + " from " + from + ": " + e.getMessage());
        }
    }
}
