package dev.incidents.api.sla;

/** Outcome of a support group's stint for its own response clock. */
public enum StintOutcome {
    /** The group accepted, or resolved the incident, within its target. */
    MET,
    /** The group accepted, or resolved the incident, after its target. */
    BREACHED,
    /** The incident left the group before it accepted; the stint counts as neither met nor breached. */
    HANDED_ON
}
