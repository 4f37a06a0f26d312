package dev.incidents.api.incident;

/** Functional escalation moves the incident to a higher-tier group; hierarchical escalation alerts management. */
public enum EscalationKind {
    FUNCTIONAL,
    HIERARCHICAL
}
