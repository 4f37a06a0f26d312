package dev.incidents.query.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import dev.incidents.api.query.FetchQueuePageQuery;
import dev.incidents.query.incident.ProjectedIncident;

/**
 * Notifies the subscription queries of queue pages of the queue sections that changed. The incident summary
 * projection reports the sections of each incident before and after an event. The sections of a batch are emitted
 * once, after the batch has committed, so a subscriber that reads the page again finds the batch's summaries written.
 */
@Component
public class QueueUpdates {

    private static final String RESOURCE_KEY = QueueUpdates.class.getName();

    private final QueryUpdateEmitter emitter;
    private final String serviceDeskGroup;

    /**
     * @param emitter lazy: Axon's configuration creates the emitter only after the projections, which it reaches
     *         through the processors' dead-letter settings. A direct reference would need the emitter first.
     */
    public QueueUpdates(@Lazy QueryUpdateEmitter emitter,
                        @Value("${incidents.service-desk-group:SERVICE-DESK}") String serviceDeskGroup) {
        this.emitter = emitter;
        this.serviceDeskGroup = serviceDeskGroup;
    }

    /** Returns the queue sections the incident belongs to in its current state; none before its report. */
    public List<String> sectionsOf(ProjectedIncident incident) {
        return incident.state() == null ? List.of() : QueueKeys.of(incident);
    }

    /**
     * Records that the given sections changed. Inside a processor's unit of work the update waits for the batch to
     * commit, so a rolled-back batch emits nothing. Outside a unit of work it is emitted at once.
     */
    public void changed(Collection<String> sections) {
        if (sections.isEmpty()) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            emit(sections);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Set<String> changed = batch.getOrComputeResource(RESOURCE_KEY, ignored -> {
            Set<String> collected = new LinkedHashSet<>();
            batch.afterCommit(committed -> emit(collected));
            return collected;
        });
        changed.addAll(sections);
    }

    /** Returns whether the change touches a section of the queue that {@code query} reads. */
    boolean affects(FetchQueuePageQuery query, QueueChanged change) {
        return sectionsRead(query).stream().anyMatch(change.queueKeys()::contains);
    }

    /** Returns the sections that make up the queue of {@code query}, by the filters of {@link QueueQueryHandler}. */
    List<String> sectionsRead(FetchQueuePageQuery query) {
        return switch (query.queue()) {
            case SERVICE_DESK -> List.of(QueueKeys.NEW, QueueKeys.group(serviceDeskGroup),
                    QueueKeys.ownerResolved(serviceDeskGroup));
            case SUPPORT_GROUP -> List.of(QueueKeys.group(query.subject()));
            case ASSIGNEE -> List.of(QueueKeys.assignee(query.subject()));
            case REQUESTER -> List.of(QueueKeys.requester(query.subject()));
        };
    }

    private void emit(Collection<String> sections) {
        QueueChanged change = new QueueChanged(new ArrayList<>(sections));
        emitter.emit(FetchQueuePageQuery.class, query -> affects(query, change), change);
    }
}
