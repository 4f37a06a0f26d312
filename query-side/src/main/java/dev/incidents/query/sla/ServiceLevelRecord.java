package dev.incidents.query.sla;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;

import dev.incidents.api.incident.IncidentEvent;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.ServiceLevelBreached;
import dev.incidents.api.incident.ServiceLevelWarningRaised;
import dev.incidents.api.incident.WorkNoteAdded;
import dev.incidents.api.sla.ClockStatus;
import dev.incidents.api.sla.ServiceLevelClock;
import dev.incidents.api.sla.ServiceLevelClockKind;
import dev.incidents.api.sla.ServiceLevelReading;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * The service level read model of one incident: its terms, the events its clock needs, the clock reading after the
 * latest event, its live queue entries and the facts the analytics count.
 *
 * <p>The clock is rebuilt from the stored events, never from warning or breach events, so an incident gets the same
 * outcomes live, after a replay and when imported without those events. An incident reported without terms has no
 * clock and no queue entries, and counts only in the analytics that need no service levels.
 */
public class ServiceLevelRecord {

    @Id
    private String incidentId;
    private long lastSequence = -1;
    private ProjectedIncident incident;
    private IncidentFlowFacts facts = new IncidentFlowFacts();

    private String policyId;
    private Integer policyVersion;
    private String customerCalendarId;
    private Integer customerCalendarVersion;
    private List<GroupCalendar> groupCalendars = new ArrayList<>();

    /** Events the clock is fed, in stream order, starting with {@link IncidentReported}; empty without terms. */
    private List<StoredEvent> clockEvents = new ArrayList<>();
    /** Latest business time of the applied events, at which {@link #reading} was taken. */
    private Instant clockAt;
    /** Latest recording time of the applied events; null for records written before this field existed. */
    private Instant recordedAt;
    private ReadingDocument reading;
    private List<QueueEntry> queueEntries = new ArrayList<>();
    /** Terms of the warnings and breaches of the response and resolution clocks, in clock and level order. */
    private List<AlertTerms> alertTerms = new ArrayList<>();
    private List<String> atRiskGroups = new ArrayList<>();
    private List<String> breachedGroups = new ArrayList<>();

    /** The clock fed with {@link #clockEvents}; rebuilt on first use after the record was read from MongoDB. */
    @Transient
    private ServiceLevelClock clock;
    @Transient
    private ServiceLevelTerms terms;

    /** Used by Spring Data to read stored documents. */
    protected ServiceLevelRecord() {
    }

    private ServiceLevelRecord(IncidentId incidentId) {
        this.incidentId = incidentId.value();
        this.incident = ProjectedIncident.unreported(incidentId);
    }

    static ServiceLevelRecord unreported(IncidentId incidentId) {
        return new ServiceLevelRecord(Objects.requireNonNull(incidentId, "incident id is missing"));
    }

    boolean hasApplied(long sequenceNumber) {
        return sequenceNumber <= lastSequence;
    }

    /**
     * Applies the next event of the incident, recorded by the event store at {@code recordedAt}; callers check
     * {@link #hasApplied(long)} first.
     */
    void apply(IncidentEvent event, long sequenceNumber, Instant recordedAt) {
        this.recordedAt = this.recordedAt == null || recordedAt.isAfter(this.recordedAt) ? recordedAt
                : this.recordedAt;
        apply(event, sequenceNumber);
    }

    /** Applies the next event of the incident; callers check {@link #hasApplied(long)} first. */
    void apply(IncidentEvent event, long sequenceNumber) {
        restoreClock();
        if (event instanceof IncidentReported reported && reported.serviceLevel() != null) {
            startClock(reported.serviceLevel());
        }

        incident.apply(event, sequenceNumber);
        facts.update(event, incident, terms == null ? null : terms.customerCalendar().calendar());
        Instant previousClockAt = clockAt;
        clockAt = clockAt == null || event.occurredAt().isAfter(clockAt) ? event.occurredAt() : clockAt;

        if (clock != null) {
            if (feedsClock(event)) {
                clock.apply(event);
                clockEvents.add(ClockEventCodec.encode(event));
            }
            ServiceLevelReading current = clock.readingAt(clockAt);
            reading = ReadingDocument.of(current);
            decideQueues(previousClockAt);
        }
        lastSequence = sequenceNumber;
    }

    /**
     * Returns true for the events the clock is fed. Work notes change no clock. Warning and breach events only
     * announce what the clock computes from the other events, and imported histories have none of them.
     */
    private static boolean feedsClock(IncidentEvent event) {
        return !(event instanceof WorkNoteAdded || event instanceof ServiceLevelWarningRaised
                || event instanceof ServiceLevelBreached);
    }

    private void startClock(ServiceLevelTerms reportedTerms) {
        terms = reportedTerms;
        clock = new ServiceLevelClock(reportedTerms);
        policyId = reportedTerms.policy().id();
        policyVersion = reportedTerms.policy().version();
        customerCalendarId = reportedTerms.customerCalendar().id();
        customerCalendarVersion = reportedTerms.customerCalendar().version();
        groupCalendars = new ArrayList<>();
        reportedTerms.supportGroupCalendars().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> groupCalendars.add(new GroupCalendar(entry.getKey(), entry.getValue().id(),
                        entry.getValue().version())));
    }

    /** Rebuilds the clock from the stored events when this record was read from MongoDB. */
    private void restoreClock() {
        if (clock != null || clockEvents.isEmpty()) {
            return;
        }
        IncidentEvent first = ClockEventCodec.decode(incidentId, clockEvents.get(0));
        if (!(first instanceof IncidentReported reported) || reported.serviceLevel() == null) {
            throw new IllegalStateException("the service level record of incident " + incidentId + " starts with "
                    + clockEvents.get(0).type() + " without terms; reset the service-levels processor");
        }
        terms = reported.serviceLevel();
        clock = new ServiceLevelClock(terms);
        for (StoredEvent stored : clockEvents) {
            clock.apply(ClockEventCodec.decode(incidentId, stored));
        }
    }

    /**
     * Puts every running clock that has reached its warning threshold in the at-risk queue, and every running clock
     * that has reached its target in the breached queue. Paused and stopped clocks leave both, and a reopened or
     * resumed clock joins again. A response or resolution entry shows the priority, target and due instant the clock
     * warned or breached against, unless a later priority gives a shorter target.
     *
     * <p>NOTE: membership changes only when an event arrives. Live incidents get warning and breach events at the
     * right instants, but an imported incident left open joins a queue only with its next event.
     *
     * @param previousClockAt instant of the previous membership decision; null for the first event
     */
    private void decideQueues(Instant previousClockAt) {
        alertTerms = noteAlertTerms();
        List<QueueEntry> entries = new ArrayList<>();
        addEntry(entries, ServiceLevelClockKind.RESPONSE, reading.response(), previousClockAt);
        addEntry(entries, ServiceLevelClockKind.RESOLUTION, reading.resolution(), previousClockAt);
        for (StintDocument stint : reading.stints()) {
            if (stint.running()) {
                AlertLevel level = levelOf(stint.warningAt(), stint.breachAt());
                if (level != null) {
                    Instant reachedAt = level == AlertLevel.BREACHED ? stint.breachAt() : stint.warningAt();
                    Instant since = since(ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, stint.group(), level,
                            reachedAt, previousClockAt);
                    entries.add(new QueueEntry(ServiceLevelClockKind.SUPPORT_GROUP_RESPONSE, stint.group(), level,
                            facts.priority(), since, stint.dueAt() != null ? stint.dueAt() : stint.breachAt(),
                            stint.targetMillis()));
                }
            }
        }
        queueEntries = entries;
        atRiskGroups = groupsAt(entries, AlertLevel.AT_RISK);
        breachedGroups = groupsAt(entries, AlertLevel.BREACHED);
    }

    private void addEntry(List<QueueEntry> entries, ServiceLevelClockKind kind, ClockDocument clockReading,
                          Instant previousClockAt) {
        if (clockReading.status() != ClockStatus.RUNNING || facts.group() == null) {
            return;
        }
        AlertLevel level = levelOf(clockReading.warningAt(), clockReading.breachAt());
        if (level == null) {
            return;
        }
        Instant reachedAt = level == AlertLevel.BREACHED ? clockReading.breachAt() : clockReading.warningAt();
        AlertTerms noted = alertTerms.stream()
                .filter(alert -> alert.clock() == kind && alert.level() == level)
                .findFirst()
                .orElse(null);
        Instant dueAt = noted == null || noted.dueAt() == null ? clockReading.dueAt() : noted.dueAt();
        entries.add(new QueueEntry(kind, facts.group(), level,
                noted == null ? clockReading.priority() : noted.priority(),
                since(kind, null, level, reachedAt, previousClockAt), dueAt,
                noted == null ? clockReading.targetMillis() : noted.targetMillis()));
    }

    /**
     * Returns the instant an entry joined its queue. An entry that stays keeps its instant. A clock that crossed its
     * threshold since the previous decision joined at the threshold instant. Otherwise a resumed, reopened or newly
     * assigned clock joined at the current event.
     *
     * @param group the stint's group for a support group entry; null for the response and resolution clocks, whose
     *              entry moves with the incident's group
     */
    private Instant since(ServiceLevelClockKind kind, String group, AlertLevel level, Instant reachedAt,
                          Instant previousClockAt) {
        for (QueueEntry previous : queueEntries) {
            if (previous.clock() == kind && previous.level() == level
                    && (group == null || group.equals(previous.group()))) {
                return previous.since();
            }
        }
        if (previousClockAt == null || reachedAt.isAfter(previousClockAt)) {
            return reachedAt;
        }
        return clockAt;
    }

    /**
     * Notes the terms of each warning and breach of the response and resolution clocks when the reading first
     * shows its instant. A noted warning or breach stays while the reading keeps its instant, and takes the current
     * terms when a priority change gives a shorter target, because the clock is then due sooner.
     */
    private List<AlertTerms> noteAlertTerms() {
        List<AlertTerms> noted = new ArrayList<>();
        for (ServiceLevelClockKind kind : List.of(ServiceLevelClockKind.RESPONSE, ServiceLevelClockKind.RESOLUTION)) {
            ClockDocument clockReading = kind == ServiceLevelClockKind.RESPONSE ? reading.response()
                    : reading.resolution();
            noteAlert(noted, kind, AlertLevel.AT_RISK, clockReading.warningAt(), clockReading,
                    clockReading.dueAt());
            noteAlert(noted, kind, AlertLevel.BREACHED, clockReading.breachAt(), clockReading,
                    clockReading.breachAt());
        }
        return noted;
    }

    private void noteAlert(List<AlertTerms> noted, ServiceLevelClockKind kind, AlertLevel level, Instant reachedAt,
                           ClockDocument clockReading, Instant dueAt) {
        if (reachedAt == null) {
            return;
        }
        AlertTerms current = new AlertTerms(kind, level, reachedAt, clockReading.priority(),
                clockReading.targetMillis(), dueAt);
        AlertTerms previous = alertTerms.stream()
                .filter(alert -> alert.clock() == kind && alert.level() == level
                        && alert.reachedAt().equals(reachedAt))
                .findFirst()
                .orElse(null);
        boolean shorterTarget = previous != null && previous.targetMillis() != null
                && clockReading.targetMillis() != null && clockReading.targetMillis() < previous.targetMillis();
        noted.add(previous == null || shorterTarget ? current : previous);
    }

    private static AlertLevel levelOf(Instant warningAt, Instant breachAt) {
        if (breachAt != null) {
            return AlertLevel.BREACHED;
        }
        return warningAt != null ? AlertLevel.AT_RISK : null;
    }

    private static List<String> groupsAt(List<QueueEntry> entries, AlertLevel level) {
        return List.copyOf(new TreeSet<>(entries.stream()
                .filter(entry -> entry.level() == level)
                .map(QueueEntry::group)
                .toList()));
    }

    public String incidentId() {
        return incidentId;
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** Returns the latest business time of the applied events: where the current queue membership starts. */
    public Instant clockAt() {
        return clockAt;
    }

    /** Returns the latest recording time of the applied events. */
    public Instant recordedAt() {
        return recordedAt;
    }

    public IncidentFlowFacts facts() {
        return facts;
    }

    /** Returns true when the incident was reported with service level terms, so it has clocks. */
    public boolean hasTerms() {
        return policyId != null;
    }

    public String policyId() {
        return policyId;
    }

    public Integer policyVersion() {
        return policyVersion;
    }

    public String customerCalendarId() {
        return customerCalendarId;
    }

    public Integer customerCalendarVersion() {
        return customerCalendarVersion;
    }

    public List<GroupCalendar> groupCalendars() {
        return List.copyOf(groupCalendars);
    }

    public List<StoredEvent> clockEvents() {
        return List.copyOf(clockEvents);
    }

    public ReadingDocument reading() {
        return reading;
    }

    public List<QueueEntry> queueEntries() {
        return List.copyOf(queueEntries);
    }
}
