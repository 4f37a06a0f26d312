package dev.incidents.api.sla;

/** The clocks a service level policy runs for an incident. */
public enum ServiceLevelClockKind {
    /** From the first assignment until the first acceptance, on the customer's calendar. */
    RESPONSE,
    /** From the report until the resolution, without pauses, on the customer's calendar. */
    RESOLUTION,
    /** One per stint of a support group, from its assignment until it accepts, on the group's calendar. */
    SUPPORT_GROUP_RESPONSE
}
