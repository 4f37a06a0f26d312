package dev.incidents.command.importer;

import dev.incidents.api.incident.IncidentStatus;

/** Sends one command of an imported record, tagged with its position in the trace, and returns the result. */
@FunctionalInterface
interface IncidentCommandSender {

    IncidentStatus send(Object command, long position);

    /**
     * Sends the command with the source record's status as the log writes it, which the events then carry. Senders
     * that keep no source status, such as the test doubles, send the command without it.
     */
    default IncidentStatus send(Object command, long position, String sourceStatus) {
        return send(command, position);
    }
}
