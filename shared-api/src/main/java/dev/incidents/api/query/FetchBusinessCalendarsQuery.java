package dev.incidents.api.query;

/** Fetches the latest saved version of every business calendar, ordered by calendar id. */
public record FetchBusinessCalendarsQuery() {
}
