package dev.incidents.query.access;

/** How much of one incident a caller may read. */
public enum IncidentAccess {
    /** Nothing, not even whether the incident exists. */
    NONE,
    /** The requester's view: everything except internal work notes. */
    CUSTOMER,
    /** Everything, internal work notes included. */
    STAFF
}
