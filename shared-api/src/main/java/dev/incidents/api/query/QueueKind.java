package dev.incidents.api.query;

/** The role-specific work queues. */
public enum QueueKind {
    /** New incidents, incidents assigned to the service desk group, and resolved incidents it owns. */
    SERVICE_DESK,
    /** Incidents assigned to one support group and not yet accepted. */
    SUPPORT_GROUP,
    /** Open work of one assignee: assigned, in progress or pending. */
    ASSIGNEE,
    /** Every incident one requester reported, newest first. */
    REQUESTER
}
