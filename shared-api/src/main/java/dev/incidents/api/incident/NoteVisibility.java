package dev.incidents.api.incident;

/** Whether a work note is for the support staff only or also shown to the requester. */
public enum NoteVisibility {
    INTERNAL,
    CUSTOMER_VISIBLE
}
