package dev.incidents.command.config;

import dev.incidents.access.security.DatabaseCredentials;
import dev.incidents.access.security.RandomPasswords;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The H2 users of the event store: the admin {@code SA}, which only the command side uses, and a read-only user for
 * the query side. Their passwords are generated on the first start into owner-only files and kept on later starts.
 * A database created before it had passwords (admin {@code SA} with an empty password) gets them on its next start.
 */
final class EventStoreUsers {

    static final String ADMIN_USER = "SA";
    static final String READER_USER = "EVENT_READER";

    /**
     * The tables the query side's tracking processors read. Snapshots, deadlines, idempotency records and duplicate
     * links stay hidden from it.
     */
    static final List<String> READER_TABLES = List.of("DomainEventEntry");

    private static final Logger log = LoggerFactory.getLogger(EventStoreUsers.class);

    private final DatabaseCredentials admin;
    private final DatabaseCredentials reader;
    private final Path readerFile;

    private EventStoreUsers(DatabaseCredentials admin, DatabaseCredentials reader, Path readerFile) {
        this.admin = admin;
        this.reader = reader;
        this.readerFile = readerFile;
    }

    /**
     * Reads or generates both passwords, then opens the database at {@code jdbcUrl} as the admin, creating it when
     * it does not exist. A database that still takes the empty admin password gets the generated one.
     */
    static EventStoreUsers open(String jdbcUrl, Path adminFile, Path readerFile) throws IOException {
        RandomPasswords passwords = new RandomPasswords(new SecureRandom());
        DatabaseCredentials admin = readOrGenerate(adminFile, ADMIN_USER, passwords,
                "Admin of the event store, used by the command side only. Never give it to another program.");
        DatabaseCredentials reader = readOrGenerate(readerFile, READER_USER, passwords,
                "Read-only user of the event store for the query side.");
        secureAdmin(jdbcUrl, admin, adminFile);
        return new EventStoreUsers(admin, reader, readerFile);
    }

    DatabaseCredentials admin() {
        return admin;
    }

    DatabaseCredentials reader() {
        return reader;
    }

    /**
     * Creates the reader, or sets its password to the one in its file, and lets it read the {@link #READER_TABLES},
     * which must exist by then. The reader is never an admin, so it cannot create functions that run Java code.
     */
    void grantReaderAccess(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS " + READER_USER + " PASSWORD " + literal(reader.password()));
            statement.execute("ALTER USER " + READER_USER + " SET PASSWORD " + literal(reader.password()));
            statement.execute("ALTER USER " + READER_USER + " ADMIN FALSE");
            for (String table : READER_TABLES) {
                statement.execute("GRANT SELECT ON " + table + " TO " + READER_USER);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failed to grant the event store user " + READER_USER + " read access to "
                    + READER_TABLES + ": " + e.getMessage(), e);
        }
        log.info("Event store user {} may read {}; its password is in {}", READER_USER, READER_TABLES, readerFile);
    }

    private static DatabaseCredentials readOrGenerate(Path file, String username, RandomPasswords passwords,
                                                      String comment) throws IOException {
        if (Files.exists(file)) {
            DatabaseCredentials stored = DatabaseCredentials.read(file);
            if (!stored.username().equalsIgnoreCase(username)) {
                throw new IllegalStateException("The event store credentials file " + file + " names the user "
                        + stored.username() + ", expected " + username + ". Restore the file or delete it to have"
                        + " a new password generated.");
            }
            return stored;
        }
        DatabaseCredentials generated = new DatabaseCredentials(username, passwords.next());
        generated.writeOwnerOnly(file, comment);
        log.info("Generated the password of the event store user {} into {} (owner-only)", username, file);
        return generated;
    }

    /**
     * Connects as the admin. When the password is rejected, tries the empty password that databases created before
     * passwords were introduced have, and sets the admin password from its file.
     */
    private static void secureAdmin(String jdbcUrl, DatabaseCredentials admin, Path adminFile) {
        try (Connection ignored = DriverManager.getConnection(jdbcUrl, admin.username(), admin.password())) {
            return;
        } catch (SQLException e) {
            if (e.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD) {
                throw new IllegalStateException("Failed to open the event store " + jdbcUrl + ": " + e.getMessage(),
                        e);
            }
        }

        try (Connection connection = DriverManager.getConnection(jdbcUrl, admin.username(), "");
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER USER " + admin.username() + " SET PASSWORD " + literal(admin.password()));
        } catch (SQLException e) {
            throw new IllegalStateException("The event store " + jdbcUrl + " rejects the admin password in "
                    + adminFile + ". Restore the file that belongs to this database, or move the event store folder"
                    + " away to start with an empty one.", e);
        }
        log.warn("The event store {} accepted the admin user {} with an empty password. Set the password from {};"
                + " from now on the query side reads as {}", jdbcUrl, admin.username(), adminFile, READER_USER);
    }

    /** Quotes a value as an SQL string literal, because H2 takes no parameters in user statements. */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
