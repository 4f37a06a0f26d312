package dev.incidents.query.asof;

import dev.incidents.api.sla.ServiceLevelReading;

/**
 * The service level clocks of one incident read at one instant.
 *
 * @param timeAxis the axis that chose the events fed to the clocks
 * @param version  the incident's version at the instant: the sequence number of its last event by then
 * @param reading  the clocks' figures; its {@code asOf} is the instant they were read at
 */
public record ServiceLevelState(String incidentId, TimeAxis timeAxis, long version, ServiceLevelReading reading) {
}
