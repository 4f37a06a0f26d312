package dev.incidents.command.web;

import dev.incidents.command.servicelevel.ServiceLevelDefinitions;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Request bodies of the service level API. Times of day, holidays and durations are text, so they read the same
 * whatever the zone of the server or the client.
 */
final class ServiceLevelRequests {

    static final int NAME_MAX = 100;
    static final int HOLIDAYS_MAX = 1_000;

    private ServiceLevelRequests() {
    }

    /**
     * @param zone         IANA time zone id, such as {@code Europe/Warsaw}
     * @param openingHours intervals {@code HH:mm-HH:mm} by day name {@code MONDAY} to {@code SUNDAY}; missing days
     *                     are closed
     * @param holidays     ISO dates on which the calendar is closed all day
     */
    record Calendar(@NotNull @Size(max = NAME_MAX) String zone, Map<String, List<String>> openingHours,
                    @Size(max = HOLIDAYS_MAX) List<String> holidays) {
    }

    /**
     * @param calendar              id of the customer calendar for the response and resolution clocks
     * @param supportGroupCalendars calendar id by support group, for the groups' own response clocks
     * @param targets               targets by priority {@code P1} to {@code P5}
     * @param warningThreshold      fraction of a target at which a clock warns; 0.75 when left out
     */
    record PolicyVersion(@NotNull Instant effectiveFrom, @NotNull @Size(max = NAME_MAX) String calendar,
                         Map<String, String> supportGroupCalendars,
                         @NotNull Map<String, ServiceLevelDefinitions.TargetTexts> targets,
                         Double warningThreshold) {
    }
}
