package dev.incidents.api.incident;

/** Reason for cancelling an incident instead of resolving it. */
public enum CancelReason {
    DUPLICATE,
    LOGGED_IN_ERROR,
    WITHDRAWN_BY_REQUESTER,
    OTHER
}
