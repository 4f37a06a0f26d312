package dev.incidents.query.export;

import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.SupportGroupId;

import java.time.Instant;

/**
 * The incidents an export covers; a null filter selects every incident.
 *
 * @param from  earliest report time, inclusive
 * @param to    report time before which an incident was reported, exclusive
 * @param group the support group the incident is assigned to now
 * @param state the incident's state now
 */
record ExportSelection(Instant from, Instant to, SupportGroupId group, IncidentState state) {
}
