package dev.incidents.command.config;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Keeps the event store file small by moving the pages still in use out of mostly unused chunks, every second.
 * <p>
 * The event store writes every commit to its file at once ({@link EventStoreConfiguration#URL_OPTIONS}), so H2 writes
 * a chunk of changed pages per commit, and a chunk's space can be reused only once none of its pages is in use. H2
 * moves such pages in its background writer, which it does not run when commits are written at once. Without this
 * task the file of the BPI Challenge 2013 import reached 0.76 GB, with it 0.34 GB.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false", matchIfMissing = true)
class EventStoreCompaction {

    private static final Logger log = LoggerFactory.getLogger(EventStoreCompaction.class);

    /** Chunks in which less than this percentage of the space is in use are rewritten. */
    static final int TARGET_FILL_RATE = 50;
    /** Bytes of pages in use moved per run at least, when there are that many to move. */
    private static final int BYTES_PER_RUN = 16 * 1024 * 1024;

    private final DataSource dataSource;
    private volatile MVStore store;
    /** True while the runs fail, so that a lasting failure is logged once. */
    private boolean failing;

    EventStoreCompaction(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(fixedDelay = 1_000)
    void compactInBackground() {
        compact();
    }

    /** Rewrites the chunks with little space in use, if there are any; returns true if it moved pages. */
    boolean compact() {
        try {
            MVStore mvStore = store();
            boolean moved = !mvStore.isClosed() && mvStore.getFileStore().getChunksFillRate() < TARGET_FILL_RATE
                    && mvStore.compact(TARGET_FILL_RATE, BYTES_PER_RUN);
            failing = false;
            return moved;
        } catch (SQLException | RuntimeException e) {
            // The next run tries again, so only the first failure of a series is a warning. A database that stays
            // unusable shows in the health check.
            if (!failing) {
                log.warn("Compacting the event store file failed, retrying every second: {}", e.toString());
            } else {
                log.debug("Compacting the event store file failed again: {}", e.toString());
            }
            failing = true;
            return false;
        }
    }

    private MVStore store() throws SQLException {
        if (store == null) {
            try (Connection connection = dataSource.getConnection()) {
                SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
                store = session.getDatabase().getStore().getMvStore();
            }
        }
        return store;
    }
}
