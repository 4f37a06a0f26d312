package dev.incidents.command.incident;

import dev.incidents.api.incident.AssignmentAccepted;
import dev.incidents.api.incident.AssignmentReleased;
import dev.incidents.api.incident.IncidentAssigned;
import dev.incidents.api.incident.IncidentCancelled;
import dev.incidents.api.incident.IncidentClosed;
import dev.incidents.api.incident.IncidentClosureRevoked;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentEscalated;
import dev.incidents.api.incident.IncidentReassigned;
import dev.incidents.api.incident.IncidentReopened;
import dev.incidents.api.incident.IncidentReported;
import dev.incidents.api.incident.IncidentReturnedToServiceDesk;
import dev.incidents.api.incident.OwnershipTransferred;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The duplicate registry in two tables of the command side's H2 database. The command's unit of work runs in a
 * Spring transaction on that database. In the embedded default it is the event store database, so a link is stored
 * together with the duplicate's events or not at all. In Axon Server mode it is a local file, and the events go to
 * Axon Server in the same unit of work but not in the same transaction. A crash between the two commits can therefore
 * keep one without the other.
 * A permit of this JVM, held until that transaction has ended, serialises all markings, and a row lock on a
 * one-row table does the same inside the database.
 */
@Component
class JdbcDuplicateRegistry implements DuplicateRegistry {

    private static final Logger log = LoggerFactory.getLogger(JdbcDuplicateRegistry.class);
    /** One marking at a time in this JVM; a permit, unlike a lock, may be released by another thread. */
    private static final Semaphore MARKINGS = new Semaphore(1, true);

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    JdbcDuplicateRegistry(DataSource dataSource, EventStore eventStore) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.eventStore = eventStore;
        createTables();
    }

    @Override
    public DuplicateCheck lockAndCheck(IncidentId duplicateId, IncidentId originalId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("marking incident " + duplicateId + " as a duplicate needs a transaction"
                    + " on the event store database, so that the registry lock is held until the events are stored");
        }
        holdMarkingLockUntilCommitted(duplicateId);
        jdbc.queryForObject("select id from duplicate_registry_lock where id = 1 for update", Integer.class);

        List<String> originalOf = jdbc.queryForList(
                "select original_id from duplicate_links where duplicate_id = ?", String.class, originalId.value());
        List<IncidentId> duplicates = jdbc.queryForList(
                        "select duplicate_id from duplicate_links where original_id = ? order by duplicate_id",
                        String.class, duplicateId.value())
                .stream().map(IncidentId::new).toList();
        OriginalState original = readOriginal(originalId);
        return new DuplicateCheck(original.exists, original.open,
                originalOf.isEmpty() ? null : new IncidentId(originalOf.get(0)), duplicates,
                original.exists ? original.parties() : null);
    }

    /**
     * Serialises markings in this JVM until the marking's transaction has committed or rolled back. The row lock
     * alone is not enough, because H2 2.3.232 was seen handing it to the next marking while the holder was still
     * committing. That marking then read the link table without the holder's link, so markings of A of B and of B
     * of A both succeeded. The unit of work releases the permit in its clean-up phase, after the commit.
     */
    private void holdMarkingLockUntilCommitted(IncidentId duplicateId) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        try {
            MARKINGS.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to mark incident " + duplicateId
                    + " as a duplicate; nothing was changed", e);
        }
        unitOfWork.onCleanup(done -> MARKINGS.release());
    }

    @Override
    public void link(IncidentId duplicateId, IncidentId originalId) {
        jdbc.update("insert into duplicate_links (duplicate_id, original_id) values (?, ?)", duplicateId.value(),
                originalId.value());
    }

    /**
     * Reads the original's state from its committed events, without loading and locking its aggregate: an incident
     * is closed or cancelled from its last closure or cancellation until a reopen or revoked closure.
     */
    private OriginalState readOriginal(IncidentId originalId) {
        OriginalState state = new OriginalState();
        // From sequence number 0: readEvents(id) would start at the incident's latest snapshot, whose payload is the
        // aggregate, and the events before it would be missing from this state.
        DomainEventStream events = eventStore.readEvents(originalId.value(), 0);
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Object payload = event.getPayload();
            state.exists = true;
            state.follow(payload);
            if (payload instanceof IncidentClosed || payload instanceof IncidentCancelled) {
                state.open = false;
            } else if (payload instanceof IncidentReopened || payload instanceof IncidentClosureRevoked) {
                state.open = true;
            }
        }
        return state;
    }

    private void createTables() {
        jdbc.execute("create table if not exists duplicate_links ("
                + " duplicate_id varchar(255) primary key,"
                + " original_id varchar(255) not null)");
        jdbc.execute("create index if not exists duplicate_links_original on duplicate_links (original_id)");
        jdbc.execute("create table if not exists duplicate_registry_lock (id int primary key)");
        jdbc.update("merge into duplicate_registry_lock (id) key (id) values (1)");
        log.info("Duplicate registry ready");
    }

    /** What the rules need of the original, followed through its events like the aggregate's own fields. */
    private static final class OriginalState {
        private boolean exists;
        private boolean open = true;
        private UserId requester;
        private SupportGroupId ownerGroup;
        private SupportGroupId assignedGroup;
        private UserId assignee;

        private void follow(Object payload) {
            if (payload instanceof IncidentReported reported) {
                requester = reported.requester();
                ownerGroup = reported.ownerGroup();
            } else if (payload instanceof IncidentAssigned assigned) {
                assignedGroup = assigned.group();
                assignee = assigned.assignee();
            } else if (payload instanceof AssignmentAccepted accepted) {
                assignee = accepted.assignee();
            } else if (payload instanceof IncidentReassigned reassigned) {
                assignedGroup = reassigned.toGroup();
                assignee = reassigned.toAssignee();
            } else if (payload instanceof IncidentReturnedToServiceDesk returned) {
                assignedGroup = returned.toGroup();
                assignee = null;
            } else if (payload instanceof AssignmentReleased || payload instanceof IncidentReopened) {
                assignedGroup = payload instanceof IncidentReopened reopened ? reopened.group() : assignedGroup;
                assignee = null;
            } else if (payload instanceof IncidentEscalated escalated && escalated.toGroup() != null) {
                assignedGroup = escalated.toGroup();
                assignee = null;
            } else if (payload instanceof OwnershipTransferred transferred) {
                ownerGroup = transferred.toGroup();
            }
        }

        private IncidentPermissions.Parties parties() {
            return new IncidentPermissions.Parties(requester, ownerGroup, assignedGroup, assignee);
        }
    }
}
