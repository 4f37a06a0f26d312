package dev.incidents.api.error;

/**
 * Stable codes of business errors. They travel inside command exception details, so callers map them to HTTP
 * statuses without parsing messages or depending on exception classes.
 */
public enum ErrorCode {
    /** A field is missing, malformed or out of range (HTTP 400). */
    INVALID_INPUT,
    /** No incident has the given id (HTTP 404). */
    INCIDENT_NOT_FOUND,
    /** An incident with that id already exists (HTTP 409). */
    INCIDENT_ALREADY_EXISTS,
    /** The command is not allowed in the incident's current state (HTTP 409). */
    COMMAND_NOT_ALLOWED,
    /** The business time of the command is earlier than the incident's last event (HTTP 409). */
    OCCURRED_BEFORE_LAST_EVENT,
    /** The command was sent for a version of the incident that is no longer current (HTTP 412). */
    VERSION_CONFLICT,
    /** The authenticated user may not send this command for this incident (HTTP 403). */
    NOT_PERMITTED
}
