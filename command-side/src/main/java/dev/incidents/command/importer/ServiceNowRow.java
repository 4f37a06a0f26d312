package dev.incidents.command.importer;

import java.time.Instant;

/**
 * One row of a ServiceNow incident event log: the incident record as it stood after one update. Text fields are
 * null where the source wrote {@code ?}.
 *
 * @param index         position of the row among its incident's rows in the file, from 0
 * @param state         {@code incident_state}, such as New, Active, Awaiting User Info, Resolved or Closed
 * @param modCount      {@code sys_mod_count}, the number of updates the source had made to the incident
 * @param caller        {@code caller_id}, the person who reported the incident
 * @param openedBy      {@code opened_by}, who recorded the incident
 * @param updatedBy     {@code sys_updated_by}, who made this update
 * @param updatedAt     {@code sys_updated_at}, when this update was made
 * @param group         {@code assignment_group}
 * @param assignee      {@code assigned_to}
 * @param closedCode    {@code closed_code}; the source repeats the incident's final value on every row
 * @param resolvedBy    {@code resolved_by}; the final value, like {@code closed_code}
 * @param resolvedAt    {@code resolved_at}; the final value, like {@code closed_code}
 * @param invalid       why the row cannot be imported, or null when every field it needs was readable
 */
record ServiceNowRow(int index, String state, int reassignmentCount, int reopenCount, int modCount, String caller,
                     String openedBy, Instant openedAt, String updatedBy, Instant updatedAt, String category, String impact,
                     String urgency, String group, String assignee, String closedCode, String resolvedBy,
                     Instant resolvedAt, String invalid) {

    static final String RESOLVED = "Resolved";
    static final String CLOSED = "Closed";

    /** Returns whether the incident is Resolved or Closed in this row. */
    boolean resolvedOrClosed() {
        return RESOLVED.equals(state) || CLOSED.equals(state);
    }
}
