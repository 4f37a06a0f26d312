package dev.incidents.command.importer;

import dev.incidents.api.incident.IncidentStatus;

/** Sends one command of an imported record, tagged with its position in the trace, and returns the result. */
@FunctionalInterface
interface IncidentCommandSender {

    IncidentStatus send(Object command, long position);
}
