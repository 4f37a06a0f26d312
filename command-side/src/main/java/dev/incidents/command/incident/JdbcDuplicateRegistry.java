package dev.incidents.command.incident;

import dev.incidents.api.incident.IncidentCancelled;
import dev.incidents.api.incident.IncidentClosed;
import dev.incidents.api.incident.IncidentClosureRevoked;
import dev.incidents.api.incident.IncidentId;
import dev.incidents.api.incident.IncidentReopened;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.util.List;

/**
 * The duplicate registry in two tables of the event store's H2 database. The command's unit of work runs in a
 * Spring transaction on that database, so a link is stored together with the duplicate's events or not at all.
 * A row lock on a one-row table serialises all markings; it is held until that transaction ends.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
class JdbcDuplicateRegistry implements DuplicateRegistry {

    private static final Logger log = LoggerFactory.getLogger(JdbcDuplicateRegistry.class);

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
        jdbc.queryForObject("select id from duplicate_registry_lock where id = 1 for update", Integer.class);

        List<String> originalOf = jdbc.queryForList(
                "select original_id from duplicate_links where duplicate_id = ?", String.class, originalId.value());
        List<IncidentId> duplicates = jdbc.queryForList(
                        "select duplicate_id from duplicate_links where original_id = ? order by duplicate_id",
                        String.class, duplicateId.value())
                .stream().map(IncidentId::new).toList();
        OriginalState original = readOriginal(originalId);
        return new DuplicateCheck(original.exists, original.open,
                originalOf.isEmpty() ? null : new IncidentId(originalOf.get(0)), duplicates);
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
        DomainEventStream events = eventStore.readEvents(originalId.value());
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Object payload = event.getPayload();
            state.exists = true;
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

    private static final class OriginalState {
        private boolean exists;
        private boolean open = true;
    }
}
