package dev.incidents.api.access;

/**
 * A user's role, which decides what they may do in the product. A user can have several roles. Group membership
 * and management come from the organisation, not from the role.
 */
public enum Role {
    /** Reports incidents and follows their own. */
    REQUESTER,
    /** First line: logs, classifies, routes, resolves what it can and closes. */
    SERVICE_DESK,
    /** Second and third line: accepts or returns assignments, investigates, resolves, escalates. */
    SPECIALIST,
    /** Leads support groups: watches their backlog, reassigns, escalates, transfers ownership. */
    MANAGER,
    /** Reads every incident and its full history; changes nothing. */
    AUDITOR,
    /** Reads projections and exports the event log; changes nothing. */
    ANALYST,
    /** Runs imports of historical logs and operates projections; does not work on incidents. */
    ADMIN
}
