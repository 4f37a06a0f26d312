package dev.incidents.command.servicelevel;

import dev.incidents.api.sla.BusinessCalendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Rules a calendar must meet before it is saved, beyond those {@link BusinessCalendar} checks itself, so that every
 * saved calendar can count service level time: at least one opening interval, a region time zone and holidays in
 * years a calendar is used for.
 */
final class CalendarRules {

    static final int FIRST_HOLIDAY_YEAR = 1900;
    static final int LAST_HOLIDAY_YEAR = 2199;

    private CalendarRules() {
    }

    /** @throws InvalidServiceLevelException naming the calendar, the value and what to give instead */
    static void requireUsable(String calendarId, BusinessCalendar calendar) {
        String subject = "Cannot save calendar " + calendarId + ": ";
        if (calendar.openingHours().isEmpty()) {
            throw new InvalidServiceLevelException(subject + "it has no opening interval on any day of the week,"
                    + " so no service level clock could ever count on it. Give at least one interval, such as"
                    + " \"openingHours\": {\"MONDAY\": [\"09:00-17:00\"]}.");
        }
        requireRegion(subject, calendar.zone());
        for (LocalDate holiday : calendar.holidays()) {
            if (holiday.getYear() < FIRST_HOLIDAY_YEAR || holiday.getYear() > LAST_HOLIDAY_YEAR) {
                throw new InvalidServiceLevelException(subject + "holiday " + holiday + " is outside the years "
                        + FIRST_HOLIDAY_YEAR + " to " + LAST_HOLIDAY_YEAR + ". Give a date such as 2025-12-25.");
            }
        }
    }

    /**
     * Requires a region id of the IANA time zone database, such as {@code Europe/Warsaw}, or UTC ({@code UTC} or
     * {@code Z}). A fixed offset such as {@code +02:00} or {@code UTC+02:00} ignores daylight saving, so half of the
     * year's business times would be an hour off.
     */
    private static void requireRegion(String subject, ZoneId zone) {
        String id = zone.getId();
        boolean offset = (zone instanceof ZoneOffset && !zone.equals(ZoneOffset.UTC))
                || id.matches("(UTC|GMT|UT)[+-].*");
        if (offset) {
            throw new InvalidServiceLevelException(subject + "zone '" + id + "' is a fixed offset, which ignores"
                    + " daylight saving. Give a region id of the IANA time zone database, such as Europe/Warsaw,"
                    + " or UTC.");
        }
    }
}
