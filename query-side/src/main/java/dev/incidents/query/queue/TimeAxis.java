package dev.incidents.query.queue;

/** The clock by which an as-of query places each event in time. */
public enum TimeAxis {
    /** The business time of the event ({@code occurredAt}), which an import sets to the time in the source log. */
    BUSINESS,
    /** The time at which the event store recorded the event (the event message's timestamp). */
    RECORDED
}
