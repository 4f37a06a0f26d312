package dev.incidents.api.query;

import java.util.Objects;

/**
 * Fetches one saved version of a business calendar as a {@link BusinessCalendarVersion}.
 *
 * @param version the version number from 1, or null for the latest version
 */
public record FetchBusinessCalendarQuery(String calendarId, Integer version) {

    public FetchBusinessCalendarQuery {
        Objects.requireNonNull(calendarId, "calendar id is missing");
    }
}
