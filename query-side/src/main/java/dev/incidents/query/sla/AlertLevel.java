package dev.incidents.query.sla;

/** The live queue a running service level clock belongs to. */
public enum AlertLevel {
    /** The clock runs and has reached its warning threshold but not its target. */
    AT_RISK,
    /** The clock runs and has reached its target. */
    BREACHED
}
