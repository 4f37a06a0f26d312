package dev.incidents.command.incident;

import dev.incidents.api.incident.*;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Events and commands that bring an incident into each state, shared by the aggregate tests. */
final class IncidentFixtures {

    static final IncidentId ID = new IncidentId("INC-1");
    static final SupportGroupId SERVICE_DESK = new SupportGroupId("SERVICE-DESK");
    static final SupportGroupId NET = new SupportGroupId("NET");
    static final SupportGroupId DB = new SupportGroupId("DB");
    static final UserId ANNA = new UserId("anna");
    static final Actor DESK_ANALYST = Actor.of("sam", "SERVICE-DESK");
    static final Actor NET_SPECIALIST = Actor.of("anna", "NET");
    static final Instant T0 = Instant.parse("2025-01-13T09:00:00Z");
    /** The manager of NET and NET-L3 in {@link #GROUPS}. */
    static final UserId MIA = new UserId("mia");
    /**
     * The organisation's groups: the service desk (sam) at tier 1, NET (anna, nick) and DB (dora) at tier 2, NET-L3
     * at tier 3. mia manages NET and NET-L3.
     */
    static final SupportGroupDirectory GROUPS = new SupportGroupDirectory() {
        @Override
        public OptionalInt tierOf(SupportGroupId group) {
            return switch (group.value()) {
                case "SERVICE-DESK" -> OptionalInt.of(1);
                case "NET", "DB" -> OptionalInt.of(2);
                case "NET-L3" -> OptionalInt.of(3);
                default -> OptionalInt.empty();
            };
        }

        @Override
        public boolean isMember(SupportGroupId group, UserId person) {
            return switch (group.value()) {
                case "SERVICE-DESK" -> person.value().equals("sam");
                case "NET" -> person.value().equals("anna") || person.value().equals("nick");
                case "DB" -> person.value().equals("dora");
                default -> false;
            };
        }

        @Override
        public boolean knowsUser(UserId person) {
            return true;
        }

        @Override
        public Optional<UserId> managerOf(SupportGroupId group) {
            return group != null && group.value().startsWith("NET") ? Optional.of(MIA) : Optional.empty();
        }
    };
    static final IncidentId ORIGINAL = new IncidentId("INC-0");
    /** No service level policy in effect: reports record no terms and run no clocks. */
    static final ServiceLevelTermsSource NO_SERVICE_LEVELS = reportedAt -> null;
    static final LifecycleProperties LIFECYCLE = new LifecycleProperties(false, false, Duration.ofDays(14),
            Duration.ofDays(5), Duration.ofHours(4));

    private IncidentFixtures() {
    }

    /**
     * Returns a fixture with the live timers, the ITIL matrix, the organisation's groups and a registry in which
     * {@link #ORIGINAL} is open.
     */
    static AggregateTestFixture<Incident> newFixture() {
        return newFixture(LIFECYCLE, PriorityMatrix.ITIL, new InMemoryDuplicateRegistry().withOpen(ORIGINAL));
    }

    static AggregateTestFixture<Incident> newFixture(LifecycleProperties lifecycle, PriorityMatrix matrix,
                                                     DuplicateRegistry registry) {
        return newFixture(lifecycle, matrix, registry, NO_SERVICE_LEVELS);
    }

    /** Returns the fixture of {@link #newFixture()} with the given service level terms for reports. */
    static AggregateTestFixture<Incident> newFixture(ServiceLevelTermsSource serviceLevels) {
        return newFixture(LIFECYCLE, PriorityMatrix.ITIL, new InMemoryDuplicateRegistry().withOpen(ORIGINAL),
                serviceLevels);
    }

    static AggregateTestFixture<Incident> newFixture(LifecycleProperties lifecycle, PriorityMatrix matrix,
                                                     DuplicateRegistry registry,
                                                     ServiceLevelTermsSource serviceLevels) {
        AggregateTestFixture<Incident> fixture = new AggregateTestFixture<>(Incident.class);
        fixture.registerInjectableResource(serviceLevels);
        fixture.registerInjectableResource(lifecycle);
        fixture.registerInjectableResource(matrix);
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(GROUPS);
        // As in the server, events keep the import provenance of the command that caused them.
        fixture.registerCommandHandlerInterceptor(new CorrelationDataInterceptor<>(new SimpleCorrelationDataProvider(
                ImportMetaData.SOURCE, ImportMetaData.POSITION, ImportMetaData.SOURCE_STATUS)));
        return fixture;
    }

    static Instant at(int minutes) {
        return T0.plusSeconds(60L * minutes);
    }

    static IncidentReported reported() {
        return new IncidentReported(ID, "Mail is down", null, new UserId("rita"), "email", Impact.MEDIUM,
                Urgency.MEDIUM, Priority.P3_MODERATE, SERVICE_DESK, DESK_ANALYST, at(0));
    }

    static IncidentAssigned assigned() {
        return new IncidentAssigned(ID, NET, null, DESK_ANALYST, at(1));
    }

    static AssignmentAccepted accepted() {
        return new AssignmentAccepted(ID, NET, ANNA, NET_SPECIALIST, at(2));
    }

    static IncidentPended pended() {
        return new IncidentPended(ID, PendingReason.CUSTOMER, "waiting for logs", null, NET_SPECIALIST, at(3));
    }

    static IncidentResolved resolved() {
        return new IncidentResolved(ID, "fixed", "restarted the relay", null, NET, ANNA, NET_SPECIALIST, at(4));
    }

    static IncidentClosed closed() {
        return new IncidentClosed(ID, 5, null, DESK_ANALYST, at(5));
    }

    static IncidentCancelled cancelled() {
        return new IncidentCancelled(ID, CancelReason.LOGGED_IN_ERROR, null, IncidentState.NEW, DESK_ANALYST, at(1));
    }

    /** Returns the events after which the incident is in {@code state}. */
    static List<Object> eventsFor(IncidentState state) {
        List<Object> events = new ArrayList<>();
        events.add(reported());
        switch (state) {
            case NEW -> { }
            case CANCELLED -> events.add(cancelled());
            default -> {
                events.add(assigned());
                if (state == IncidentState.ASSIGNED) {
                    break;
                }
                events.add(accepted());
                if (state == IncidentState.PENDING) {
                    events.add(pended());
                } else if (state == IncidentState.RESOLVED || state == IncidentState.CLOSED) {
                    events.add(resolved());
                    if (state == IncidentState.CLOSED) {
                        events.add(closed());
                    }
                }
            }
        }
        return events;
    }

    /** Returns a valid command of the given kind, as a person would send it at minute 10. */
    static Object commandFor(IncidentCommand command) {
        Instant time = at(10);
        return switch (command) {
            case REPORT -> new ReportIncidentCommand(ID, "Mail is down", null, new UserId("rita"), "email",
                    Impact.MEDIUM, Urgency.MEDIUM, SERVICE_DESK, null, null, DESK_ANALYST, time);
            case CLASSIFY -> new ClassifyIncidentCommand(ID, "email", Impact.HIGH, Urgency.HIGH, DESK_ANALYST, time);
            case ASSIGN -> new AssignIncidentCommand(ID, NET, null, DESK_ANALYST, time);
            case ACCEPT -> new AcceptAssignmentCommand(ID, ANNA, NET_SPECIALIST, time);
            case REASSIGN -> new ReassignIncidentCommand(ID, DB, null, "database fault", LifecyclePolicy.STRICT,
                    NET_SPECIALIST, time);
            case RETURN_TO_SERVICE_DESK -> new ReturnToServiceDeskCommand(ID, "wrong group", NET_SPECIALIST, time);
            case RELEASE -> new ReleaseAssignmentCommand(ID, "going on leave", NET_SPECIALIST, time);
            case ADD_WORK_NOTE -> new AddWorkNoteCommand(ID, "note-1", "checked the relay", NoteVisibility.INTERNAL,
                    null, NET_SPECIALIST, time);
            case PEND -> new PendIncidentCommand(ID, PendingReason.VENDOR, "ticket at vendor", null, NET_SPECIALIST,
                    time);
            case RESUME -> new ResumeIncidentCommand(ID, NET_SPECIALIST, time);
            case ESCALATE -> new EscalateIncidentCommand(ID, EscalationKind.FUNCTIONAL, new SupportGroupId("NET-L3"),
                    "needs third line", NET_SPECIALIST, time);
            case RESOLVE -> new ResolveIncidentCommand(ID, "fixed", null, null, NET_SPECIALIST, time);
            case REJECT_RESOLUTION -> new RejectResolutionCommand(ID, "still failing", DESK_ANALYST, time);
            case REOPEN -> new ReopenIncidentCommand(ID, "failed again", LifecyclePolicy.STRICT, DESK_ANALYST, time);
            case CLOSE -> new CloseIncidentCommand(ID, 4, null, DESK_ANALYST, time);
            case REVOKE_CLOSURE -> new RevokeClosureCommand(ID, "closed too early", LifecyclePolicy.STRICT,
                    DESK_ANALYST, time);
            case CANCEL -> new CancelIncidentCommand(ID, CancelReason.DUPLICATE, "same as INC-0", DESK_ANALYST, time);
            case MARK_DUPLICATE -> new MarkAsDuplicateCommand(ID, ORIGINAL, "same outage", DESK_ANALYST, time);
            case TRANSFER_OWNERSHIP -> new TransferOwnershipCommand(ID, NET, "network problem", DESK_ANALYST, time);
            case PROMISE_RESOLUTION -> new PromiseResolutionCommand(ID, time.plusSeconds(4 * 3600), DESK_ANALYST,
                    time);
        };
    }
}
