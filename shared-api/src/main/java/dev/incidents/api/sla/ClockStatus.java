package dev.incidents.api.sla;

/** Whether a service level clock counts business time at the instant it is read. */
public enum ClockStatus {
    /** The clock has not started, for example the response clock before the first assignment. */
    NOT_STARTED,
    RUNNING,
    /** The clock keeps its elapsed time but does not count, for example while the incident is PENDING. */
    PAUSED,
    /** The clock has ended with an outcome, or without one when the incident was cancelled. */
    STOPPED
}
