package dev.incidents.api.query;

/** Fetches the {@link ProjectionStatus} of the event processors in the instance that handles the query. */
public record FetchProjectionStatusQuery() {
}
