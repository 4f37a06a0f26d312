package dev.incidents.api.query;

import java.util.List;

/**
 * The latest version of every business calendar, the result of {@link FetchBusinessCalendarsQuery}. It is a record,
 * not a bare list, so that the element type survives Axon Server (see {@link IncidentHistory}).
 */
public record BusinessCalendarVersions(List<BusinessCalendarVersion> versions) {

    public BusinessCalendarVersions {
        versions = List.copyOf(versions);
    }
}
