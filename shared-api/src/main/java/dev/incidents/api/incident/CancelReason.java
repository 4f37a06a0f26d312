package dev.incidents.api.incident;

/** Why an incident was cancelled instead of resolved. */
public enum CancelReason {
    DUPLICATE,
    LOGGED_IN_ERROR,
    WITHDRAWN_BY_REQUESTER,
    OTHER
}
