package dev.incidents.command.servicelevel;

import dev.incidents.api.sla.BusinessCalendarSaved;
import dev.incidents.api.sla.NamedCalendar;
import dev.incidents.api.sla.ServiceLevelPolicyPublished;
import dev.incidents.api.sla.ServiceLevelTerms;
import dev.incidents.command.incident.ServiceLevelTermsSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The saved calendar versions and the configured policy's versions, for the decisions of the command side. Each
 * stream is read from the event store the first time it is needed, also after a restart. A subscribing event handler
 * then adds each later version once its command has committed.
 */
@Component
@ProcessingGroup(ServiceLevelCatalogue.PROCESSING_GROUP)
public class ServiceLevelCatalogue implements ServiceLevelTermsSource, CalendarDirectory {

    static final String PROCESSING_GROUP = "service-level-catalogue";

    private final EventStore eventStore;
    private final String policyId;
    private final Map<String, NamedCalendar> latestCalendars = new ConcurrentHashMap<>();
    private final Map<Integer, ServiceLevelPolicyPublished> policyVersions = new ConcurrentSkipListMap<>();
    private volatile boolean policyLoaded;

    public ServiceLevelCatalogue(EventStore eventStore, ServiceLevelProperties properties) {
        this.eventStore = eventStore;
        this.policyId = properties.policy();
    }

    /** Returns the id of the policy that applies to incidents ({@code incidents.service-levels.policy}). */
    public String policyId() {
        return policyId;
    }

    @Override
    public NamedCalendar latestCalendar(String calendarId) {
        NamedCalendar known = latestCalendars.get(calendarId);
        if (known != null) {
            return known;
        }
        NamedCalendar stored = null;
        DomainEventStream stream = eventStore.readEvents(ServiceLevelStreams.calendar(calendarId));
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof BusinessCalendarSaved saved) {
                stored = saved.named();
            }
        }
        if (stored != null) {
            keepLatest(stored);
        }
        return stored == null ? null : latestCalendars.get(calendarId);
    }

    /** Returns true when the policy has at least one published version. */
    public boolean hasPolicy(String id) {
        return eventStore.lastSequenceNumberFor(ServiceLevelStreams.policy(id)).isPresent();
    }

    /** Returns true when the calendar has at least one saved version. */
    public boolean hasCalendar(String id) {
        return latestCalendar(id) != null;
    }

    @Override
    public ServiceLevelTerms termsAt(Instant reportedAt) {
        Objects.requireNonNull(reportedAt, "report time is missing");
        loadPolicy();
        ServiceLevelPolicyPublished inEffect = policyVersions.values().stream()
                .filter(published -> !published.policy().effectiveFrom().isAfter(reportedAt))
                .max(Comparator.comparing((ServiceLevelPolicyPublished published) -> published.policy().effectiveFrom())
                        .thenComparingInt(published -> published.policy().version()))
                .orElse(null);
        if (inEffect == null) {
            return null;
        }

        Map<String, NamedCalendar> groupCalendars = new HashMap<>();
        inEffect.supportGroupCalendars().forEach((group, calendarId) ->
                groupCalendars.put(group, savedCalendar(inEffect, calendarId)));
        return new ServiceLevelTerms(inEffect.policy(), savedCalendar(inEffect, inEffect.calendarId()),
                groupCalendars);
    }

    @EventHandler
    void on(BusinessCalendarSaved event) {
        afterCommit(() -> keepLatest(event.named()));
    }

    @EventHandler
    void on(ServiceLevelPolicyPublished event) {
        if (event.policyId().equals(policyId)) {
            afterCommit(() -> policyVersions.put(event.policy().version(), event));
        }
    }

    private NamedCalendar savedCalendar(ServiceLevelPolicyPublished published, String calendarId) {
        NamedCalendar calendar = latestCalendar(calendarId);
        if (calendar == null) {
            // Publication checks that each named calendar was saved, and saved versions are never removed.
            throw new IllegalStateException("calendar " + calendarId + " of policy " + published.policyId()
                    + " version " + published.policy().version() + " has no saved version in the event store");
        }
        return calendar;
    }

    private void keepLatest(NamedCalendar calendar) {
        latestCalendars.merge(calendar.id(), calendar,
                (known, candidate) -> candidate.version() > known.version() ? candidate : known);
    }

    private void loadPolicy() {
        if (policyLoaded) {
            return;
        }
        synchronized (this) {
            if (!policyLoaded) {
                DomainEventStream stream = eventStore.readEvents(ServiceLevelStreams.policy(policyId));
                while (stream.hasNext()) {
                    if (stream.next().getPayload() instanceof ServiceLevelPolicyPublished published) {
                        policyVersions.put(published.policy().version(), published);
                    }
                }
                policyLoaded = true;
            }
        }
    }

    /** Runs the change once the command that caused the event has committed, so a rolled-back version never shows. */
    private static void afterCommit(Runnable change) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> change.run());
        } else {
            change.run();
        }
    }
}
