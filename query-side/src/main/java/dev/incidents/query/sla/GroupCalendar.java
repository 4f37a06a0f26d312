package dev.incidents.query.sla;

/** The calendar version a support group's stints are counted on. */
public record GroupCalendar(String group, String calendarId, int calendarVersion) {
}
