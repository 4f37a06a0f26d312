package dev.incidents.query.access;

/** How much of one incident a caller may read. */
public enum IncidentAccess {
    /** Nothing, not even whether the incident exists. */
    NONE,
    /** What the requester may read: everything except internal work notes. */
    CUSTOMER,
    /** Everything, internal work notes included. */
    STAFF
}
