package dev.incidents.command.config;

import dev.incidents.access.security.DatabaseCredentials;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStoreUsersTest {

    @TempDir
    Path dataDir;

    @BeforeAll
    static void bindH2ToLoopback() {
        H2BindAddress.apply("127.0.0.1");
    }

    @Test
    void newStoreRejectsEmptyAdminPassword() throws Exception {
        EventStoreUsers users = open();

        assertConnectRejected(url(), "sa", "");
        try (Connection admin = connect(users.admin())) {
            assertThat(admin.isValid(1)).isTrue();
        }
        assertThat(users.admin().username()).isEqualTo("SA");
        assertThat(users.admin().password()).matches("[A-Za-z0-9]{20}");
        assertThat(users.reader().password()).matches("[A-Za-z0-9]{20}").isNotEqualTo(users.admin().password());
    }

    @Test
    void secretFilesAreOwnerOnly() throws Exception {
        EventStoreUsers users = open();

        Path folder = dataDir.resolve("security");
        assertThat(permissions(folder)).isEqualTo("rwx------");
        assertThat(permissions(adminFile())).isEqualTo("rw-------");
        assertThat(permissions(readerFile())).isEqualTo("rw-------");
        assertThat(DatabaseCredentials.read(adminFile())).isEqualTo(users.admin());
        assertThat(DatabaseCredentials.read(readerFile())).isEqualTo(users.reader());
        try (var files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("event-store-admin", "event-store-reader");
        }
    }

    @Test
    void laterStartKeepsPasswords() throws Exception {
        EventStoreUsers first = open();

        EventStoreUsers second = open();

        assertThat(second.admin()).isEqualTo(first.admin());
        assertThat(second.reader()).isEqualTo(first.reader());
    }

    @Test
    void storeWithEmptyAdminPasswordIsMigrated() throws Exception {
        try (Connection legacy = DriverManager.getConnection(url(), "sa", "");
             Statement statement = legacy.createStatement()) {
            statement.execute("CREATE TABLE DomainEventEntry (globalIndex BIGINT PRIMARY KEY, payloadType VARCHAR)");
            statement.execute("INSERT INTO DomainEventEntry VALUES (0, 'IncidentReported')");
        }

        EventStoreUsers users = open();
        users.grantReaderAccess(adminDataSource(users));

        assertConnectRejected(url(), "sa", "");
        try (Connection reader = connect(users.reader()); Statement statement = reader.createStatement();
             ResultSet rows = statement.executeQuery("SELECT payloadType FROM DomainEventEntry")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("IncidentReported");
        }
    }

    @Test
    void wrongAdminFileStopsStart() throws Exception {
        open();
        new DatabaseCredentials("SA", "not-the-password").writeOwnerOnly(adminFile(), "replaced");

        assertThatThrownBy(this::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(adminFile().toString())
                .hasMessageContaining("rejects the admin password");
    }

    @Test
    void readerOverTcpMaySelectOnly() throws Exception {
        EventStoreUsers users = open();
        JdbcDataSource admin = adminDataSource(users);
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE DomainEventEntry (globalIndex BIGINT PRIMARY KEY, payloadType VARCHAR)");
            statement.execute("CREATE TABLE idempotency_record (idempotency_key VARCHAR PRIMARY KEY)");
            statement.execute("INSERT INTO DomainEventEntry VALUES (0, 'IncidentReported')");
        }
        users.grantReaderAccess(admin);
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", eventStoreDir().toString(), "-ifExists")
                .start();

        try (Connection reader = DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + server.getPort()
                + "/events", users.reader().username(), users.reader().password());
             Statement statement = reader.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
            assertRejected(statement, "INSERT INTO DomainEventEntry VALUES (1, 'IncidentClosed')",
                    ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1);
            assertRejected(statement, "UPDATE DomainEventEntry SET payloadType = 'IncidentClosed'",
                    ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1);
            assertRejected(statement, "DELETE FROM DomainEventEntry", ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1);
            assertRejected(statement, "DROP TABLE DomainEventEntry", ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1);
            assertRejected(statement, "SELECT * FROM idempotency_record", ErrorCode.NOT_ENOUGH_RIGHTS_FOR_1);
            assertRejected(statement, "CREATE ALIAS GET_ENV FOR 'java.lang.System.getenv'",
                    ErrorCode.ADMIN_RIGHTS_REQUIRED);
            assertRejected(statement, "ALTER USER SA SET PASSWORD 'taken'", ErrorCode.ADMIN_RIGHTS_REQUIRED);
        } finally {
            server.stop();
        }
    }

    private EventStoreUsers open() throws Exception {
        return EventStoreUsers.open(url(), adminFile(), readerFile());
    }

    private Path eventStoreDir() {
        return dataDir.resolve("event-store");
    }

    private String url() {
        return "jdbc:h2:file:" + eventStoreDir().resolve("events");
    }

    private Path adminFile() {
        return dataDir.resolve("security/event-store-admin");
    }

    private Path readerFile() {
        return dataDir.resolve("security/event-store-reader");
    }

    private Connection connect(DatabaseCredentials credentials) throws SQLException {
        return DriverManager.getConnection(url(), credentials.username(), credentials.password());
    }

    private JdbcDataSource adminDataSource(EventStoreUsers users) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url());
        dataSource.setUser(users.admin().username());
        dataSource.setPassword(users.admin().password());
        return dataSource;
    }

    private static void assertConnectRejected(String url, String user, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, user, password).close())
                .isInstanceOfSatisfying(SQLException.class, rejected ->
                        assertThat(rejected.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
    }

    private static void assertRejected(Statement statement, String sql, int errorCode) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class, rejected ->
                        assertThat(rejected.getErrorCode()).as(sql).isEqualTo(errorCode));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
