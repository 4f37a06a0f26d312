package dev.incidents.api.sla;

/** Result of a stopped service level clock. */
public enum ClockOutcome {
    MET,
    BREACHED
}
