package dev.incidents.api.query;

/** Fetches the {@link ProjectionStatus} of the event processors that answer the query. */
public record FetchProjectionStatusQuery() {
}
