package dev.incidents.benchmark.jmh;

import dev.incidents.api.access.Caller;
import dev.incidents.api.access.CallerMetaData;
import dev.incidents.api.access.Role;
import dev.incidents.api.incident.AcceptAssignmentCommand;
import dev.incidents.api.incident.AddWorkNoteCommand;
import dev.incidents.api.incident.AssignIncidentCommand;
import dev.incidents.api.incident.CloseIncidentCommand;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.NoteVisibility;
import dev.incidents.api.incident.PendIncidentCommand;
import dev.incidents.api.incident.PendingReason;
import dev.incidents.api.incident.ReportIncidentCommand;
import dev.incidents.api.incident.ResolveIncidentCommand;
import dev.incidents.api.incident.ResumeIncidentCommand;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.command.incident.SupportGroupDirectory;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The organisation, callers and commands of the command benchmarks. Each command carries its caller in the
 * metadata, as the REST API sends it, so the aggregate checks permissions as it does for live requests.
 */
final class IncidentSamples {

    static final SupportGroupId SERVICE_DESK = new SupportGroupId("SERVICE-DESK");
    static final SupportGroupId NETWORK = new SupportGroupId("NET");
    static final Caller DESK_ANALYST = new Caller(new UserId("sam"), Set.of(Role.SERVICE_DESK), List.of(SERVICE_DESK),
            Set.of(), 1);
    static final Caller NETWORK_SPECIALIST = new Caller(new UserId("anna"), Set.of(Role.SPECIALIST), List.of(NETWORK),
            Set.of(), 1);
    static final UserId REQUESTER = new UserId("rita");
    static final Instant REPORTED_AT = Instant.parse("2025-04-14T08:00:00Z");

    /** The service desk (sam) at tier 1 and the network group (anna) at tier 2. */
    static final SupportGroupDirectory GROUPS = new SupportGroupDirectory() {
        @Override
        public OptionalInt tierOf(SupportGroupId group) {
            if (SERVICE_DESK.equals(group)) {
                return OptionalInt.of(1);
            }
            return NETWORK.equals(group) ? OptionalInt.of(2) : OptionalInt.empty();
        }

        @Override
        public Optional<UserId> managerOf(SupportGroupId group) {
            return Optional.empty();
        }

        @Override
        public boolean isMember(SupportGroupId group, UserId person) {
            return SERVICE_DESK.equals(group) && DESK_ANALYST.user().equals(person)
                    || NETWORK.equals(group) && NETWORK_SPECIALIST.user().equals(person);
        }

        @Override
        public boolean knowsUser(UserId person) {
            return true;
        }
    };

    private IncidentSamples() {
    }

    /** Returns the time of the {@code step}-th change of an incident: one minute apart from the report on. */
    static Instant at(int step) {
        return REPORTED_AT.plusSeconds(60L * step);
    }

    static CommandMessage<?> report(IncidentId id) {
        return send(DESK_ANALYST, new ReportIncidentCommand(id, "Mail relay rejects outgoing mail",
                "Users in building B get bounce messages since 09:40", REQUESTER, "email", Impact.MEDIUM,
                Urgency.MEDIUM, SERVICE_DESK, null, null, DESK_ANALYST.actor(), at(0)));
    }

    static CommandMessage<?> assign(IncidentId id, int step) {
        return send(DESK_ANALYST, new AssignIncidentCommand(id, NETWORK, null, DESK_ANALYST.actor(), at(step)));
    }

    static CommandMessage<?> accept(IncidentId id, int step) {
        return send(NETWORK_SPECIALIST, new AcceptAssignmentCommand(id, NETWORK_SPECIALIST.user(),
                NETWORK_SPECIALIST.actor(), at(step)));
    }

    static CommandMessage<?> resolve(IncidentId id, int step) {
        return send(NETWORK_SPECIALIST, new ResolveIncidentCommand(id, "fixed", "restarted the relay", null,
                NETWORK_SPECIALIST.actor(), at(step)));
    }

    static CommandMessage<?> close(IncidentId id, int step) {
        return send(DESK_ANALYST, new CloseIncidentCommand(id, 5, null, DESK_ANALYST.actor(), at(step)));
    }

    static CommandMessage<?> workNote(IncidentId id, int step) {
        return send(NETWORK_SPECIALIST, new AddWorkNoteCommand(id, "note-" + step,
                "Checked the relay queue, 340 messages deferred", NoteVisibility.INTERNAL, null,
                NETWORK_SPECIALIST.actor(), at(step)));
    }

    /** Returns the report, assignment, acceptance, resolution and closure of one incident, in that order. */
    static List<CommandMessage<?>> reportToClose(IncidentId id) {
        return List.of(report(id), assign(id, 1), accept(id, 2), resolve(id, 3), close(id, 4));
    }

    /**
     * Returns commands that give an incident a history of exactly {@code eventCount} events and leave it IN_PROGRESS:
     * the report, assignment and acceptance, then rounds of a work note, a pend and a resume, then work notes for
     * the rest.
     *
     * @throws IllegalArgumentException when {@code eventCount} is below 3
     */
    static List<CommandMessage<?>> history(IncidentId id, int eventCount) {
        if (eventCount < 3) {
            throw new IllegalArgumentException("invalid history length " + eventCount
                    + ": a history that ends IN_PROGRESS needs at least 3 events (report, assign, accept)");
        }

        List<CommandMessage<?>> commands = new ArrayList<>(List.of(report(id), assign(id, 1), accept(id, 2)));
        int step = 3;
        while (eventCount - commands.size() >= 3) {
            commands.add(workNote(id, step++));
            commands.add(send(NETWORK_SPECIALIST, new PendIncidentCommand(id, PendingReason.CUSTOMER,
                    "waiting for the mail logs", null, NETWORK_SPECIALIST.actor(), at(step++))));
            commands.add(send(NETWORK_SPECIALIST, new ResumeIncidentCommand(id, NETWORK_SPECIALIST.actor(),
                    at(step++))));
        }
        while (commands.size() < eventCount) {
            commands.add(workNote(id, step++));
        }
        return commands;
    }

    private static CommandMessage<?> send(Caller caller, Object command) {
        Map<String, Object> metaData = CallerMetaData.of(caller);
        return GenericCommandMessage.asCommandMessage(command).withMetaData(metaData);
    }
}
