package dev.incidents.api.incident;

/** Lifecycle states of an incident. */
public enum IncidentState {
    NEW,
    ASSIGNED,
    IN_PROGRESS,
    PENDING,
    RESOLVED,
    CLOSED,
    CANCELLED;

    /** Returns true for the states in which work on the incident can still happen. */
    public boolean isOpen() {
        return this == NEW || this == ASSIGNED || this == IN_PROGRESS || this == PENDING;
    }
}
