package dev.incidents.command.servicelevel;

import dev.incidents.api.sla.NamedCalendar;

/** The latest saved version of each business calendar, as the policy rules need it. */
@FunctionalInterface
interface CalendarDirectory {

    /** Returns the latest saved version of the calendar, or null when none was saved. */
    NamedCalendar latestCalendar(String calendarId);
}
