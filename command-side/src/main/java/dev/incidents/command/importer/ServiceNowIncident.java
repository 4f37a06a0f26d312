package dev.incidents.command.importer;

import java.util.List;

/**
 * The rows of one incident of a ServiceNow log, in file order.
 *
 * @param repeated true when rows of this number came earlier in the file, separated from these by other incidents
 */
record ServiceNowIncident(String number, List<ServiceNowRow> rows, boolean repeated) {
}
