package dev.incidents.api.incident;

/** Why work waits: for the customer (requester), a vendor, a change to be implemented, or another reason. */
public enum PendingReason {
    CUSTOMER,
    VENDOR,
    CHANGE,
    OTHER
}
