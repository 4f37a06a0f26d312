package dev.incidents.benchmark.jmh;

import dev.incidents.api.incident.AssignmentAccepted;
import dev.incidents.api.incident.Impact;
import dev.incidents.api.incident.IncidentAssigned;
import dev.incidents.api.incident.IncidentClassified;
import dev.incidents.api.incident.IncidentClosed;
import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentPended;
import dev.incidents.api.incident.IncidentReassigned;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.IncidentResolved;
import dev.incidents.api.incident.IncidentResumed;
import dev.incidents.api.incident.IncidentState;
import dev.incidents.api.incident.NoteVisibility;
import dev.incidents.api.incident.PendingReason;
import dev.incidents.api.incident.Priority;
import dev.incidents.api.incident.ResolutionRejected;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.Urgency;
import dev.incidents.api.incident.UserId;
import dev.incidents.api.incident.WorkNoteAdded;
import dev.incidents.api.sla.BusinessCalendar;
import dev.incidents.api.sla.ClockStatus;
import dev.incidents.api.sla.ServiceLevelClock;
import dev.incidents.api.sla.ServiceLevelReading;
import dev.incidents.api.sla.ServiceLevelTerms;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Service level arithmetic of shared-api on the 24x7 calendar and on an office-hours calendar with holidays. The
 * benchmarks compute the due instant of a target and the business time between two instants, and feed the clocks
 * of one incident its whole history and read them, as a projection does on replay. The office-hours figures start
 * before the Easter holidays of 2025, so the calendar skips a weekend and two holidays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServiceLevelBenchmark {

    /** Thursday 17 April 2025, 15:00 in Amsterdam, the day before Good Friday. */
    static final Instant START = amsterdam("2025-04-17T15:00");
    /** The resolution target of P3 in the standard policy. */
    static final Duration RESOLUTION_TARGET = Duration.ofHours(24);
    /** Length of the range that {@link #elapsed()} counts business time in. */
    static final Duration ELAPSED_RANGE = Duration.ofDays(28);

    @Param({"24x7", "office-hours"})
    String calendarName;

    private BusinessCalendar calendar;
    private ServiceLevelTerms terms;
    private List<IncidentEvent> history;
    private Instant readAt;

    @Setup(Level.Trial)
    public void prepare() {
        calendar = ServiceLevelSamples.calendar(calendarName);
        terms = ServiceLevelSamples.terms(calendarName);
        history = history(terms);
        readAt = amsterdam("2025-04-28T09:00");

        ServiceLevelReading reading = foldHistory();
        if (reading.resolution().status() != ClockStatus.STOPPED || reading.stints().size() != 2) {
            throw new IllegalStateException("the sample history should stop the resolution clock after two"
                    + " support group stints, but the clocks read " + reading);
        }
    }

    /** Computes when the P3 resolution target falls due for an incident reported at {@link #START}. */
    @Benchmark
    public Instant dueAt() {
        return calendar.addBusinessTime(START, RESOLUTION_TARGET);
    }

    /** Counts the business time in the four weeks from {@link #START}. */
    @Benchmark
    public Duration elapsed() {
        return calendar.businessTimeBetween(START, START.plus(ELAPSED_RANGE));
    }

    /** Feeds the 14 events of the sample incident to new clocks and reads them a few days after the closure. */
    @Benchmark
    public ServiceLevelReading foldHistory() {
        ServiceLevelClock clock = new ServiceLevelClock(terms);
        for (IncidentEvent event : history) {
            clock.apply(event);
        }
        return clock.readingAt(readAt);
    }

    /**
     * Returns the history of an incident over the Easter holidays: reported at P3 on Thursday, pended until
     * Tuesday, reassigned to another group, raised to P2, resolved, the resolution rejected, resolved again and
     * closed, with work notes in between.
     */
    static List<IncidentEvent> history(ServiceLevelTerms terms) {
        IncidentId id = new IncidentId("INC-1");
        SupportGroupId desk = IncidentSamples.SERVICE_DESK;
        SupportGroupId network = IncidentSamples.NETWORK;
        SupportGroupId database = new SupportGroupId("DB");
        UserId anna = IncidentSamples.NETWORK_SPECIALIST.user();
        UserId dora = new UserId("dora");
        var deskActor = IncidentSamples.DESK_ANALYST.actor();
        var networkActor = IncidentSamples.NETWORK_SPECIALIST.actor();

        return List.of(
                new IncidentReported(id, "Mail relay rejects outgoing mail", null, IncidentSamples.REQUESTER, "email",
                        Impact.MEDIUM, Urgency.MEDIUM, Priority.P3_MODERATE, desk, terms, deskActor,
                        amsterdam("2025-04-17T10:00")),
                new IncidentAssigned(id, network, null, deskActor, amsterdam("2025-04-17T10:05")),
                new AssignmentAccepted(id, network, anna, networkActor, amsterdam("2025-04-17T10:40")),
                new WorkNoteAdded(id, "note-1", "Relay queue holds 340 deferred messages", NoteVisibility.INTERNAL,
                        null, networkActor, amsterdam("2025-04-17T11:30")),
                new IncidentPended(id, PendingReason.CUSTOMER, "waiting for the mail logs", null, networkActor,
                        amsterdam("2025-04-17T14:00")),
                new IncidentResumed(id, networkActor, amsterdam("2025-04-22T09:30")),
                new IncidentReassigned(id, network, anna, database, null, "the spam filter database is full",
                        IncidentState.IN_PROGRESS, 1, networkActor, amsterdam("2025-04-22T11:00")),
                new AssignmentAccepted(id, database, dora, networkActor, amsterdam("2025-04-22T11:20")),
                new IncidentClassified(id, "email", Impact.HIGH, Urgency.MEDIUM, Priority.P2_HIGH, "email",
                        Impact.MEDIUM, Urgency.MEDIUM, Priority.P3_MODERATE, deskActor,
                        amsterdam("2025-04-22T13:00")),
                new WorkNoteAdded(id, "note-2", "Purged the quarantine table", NoteVisibility.INTERNAL, null,
                        networkActor, amsterdam("2025-04-22T15:00")),
                new IncidentResolved(id, "fixed", "purged the quarantine table", null, database, dora, networkActor,
                        amsterdam("2025-04-23T10:00")),
                new ResolutionRejected(id, "mail to partners still bounces", database, deskActor,
                        amsterdam("2025-04-23T16:00")),
                new IncidentResolved(id, "fixed", "whitelisted the partner domains", null, database, dora,
                        networkActor, amsterdam("2025-04-24T11:00")),
                new IncidentClosed(id, 4, null, deskActor, amsterdam("2025-04-25T09:00")));
    }

    private static Instant amsterdam(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ServiceLevelSamples.AMSTERDAM).toInstant();
    }
}
