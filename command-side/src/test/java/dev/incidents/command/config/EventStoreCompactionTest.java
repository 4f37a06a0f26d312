package dev.incidents.command.config;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.FileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a database opened with the event store's options, where each commit writes a chunk, compaction raises the share
 * of the chunks' space that is in use.
 */
class EventStoreCompactionTest {

    private static final int COMMITS = 3_000;

    @TempDir
    Path folder;

    @Test
    void compactionRaisesChunkFillRate() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + folder.resolve("events") + EventStoreConfiguration.URL_OPTIONS);
        EventStoreCompaction compaction = new EventStoreCompaction(dataSource);

        try (Connection connection = dataSource.getConnection()) {
            appendOneRowPerCommit(connection);
            FileStore<?> file = fileStore(connection);
            // Chunks become reusable only after the retention time of the URL options.
            Thread.sleep(2_500);
            int before = file.getChunksFillRate();
            assertThat(before).as("fill rate of the chunks before compaction").isLessThan(
                    EventStoreCompaction.TARGET_FILL_RATE);

            boolean moved = false;
            for (int run = 0; run < 5; run++) {
                moved |= compaction.compact();
                Thread.sleep(200);
            }

            // The emptied chunks are dropped by the first commit after the retention time.
            Thread.sleep(2_500);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO event VALUES (-1, 'after compaction')");
            }

            assertThat(moved).as("pages moved").isTrue();
            assertThat(file.getChunksFillRate()).as("fill rate of the chunks after compaction").isGreaterThan(before);
        }
    }

    private static void appendOneRowPerCommit(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE event (id BIGINT PRIMARY KEY, payload VARCHAR(2000))");
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO event VALUES (?, ?)")) {
            for (int id = 0; id < COMMITS; id++) {
                insert.setLong(1, id);
                insert.setString(2, "incident event " + id + " ".repeat(500));
                insert.executeUpdate();
            }
        }
    }

    private static FileStore<?> fileStore(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore().getFileStore();
    }
}
