package dev.incidents.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

import dev.incidents.access.security.DatabaseCredentials;

class EventStoreReaderCredentialsTest {

    @TempDir
    Path folder;

    @Test
    void fileSetsUserAndPassword() throws Exception {
        Path file = folder.resolve("event-store-reader");
        new DatabaseCredentials("EVENT_READER", "s3cretPassword").writeOwnerOnly(file, "test");
        DataSourceProperties properties = new DataSourceProperties();

        new EventStoreReaderCredentials(file).apply(properties);

        assertThat(properties.getUsername()).isEqualTo("EVENT_READER");
        assertThat(properties.getPassword()).isEqualTo("s3cretPassword");
    }

    @Test
    void configuredUsernameWins() throws Exception {
        Path file = folder.resolve("event-store-reader");
        new DatabaseCredentials("EVENT_READER", "s3cretPassword").writeOwnerOnly(file, "test");
        DataSourceProperties properties = new DataSourceProperties();
        properties.setUsername("auditor");
        properties.setPassword("configured");

        new EventStoreReaderCredentials(file).apply(properties);

        assertThat(properties.getUsername()).isEqualTo("auditor");
        assertThat(properties.getPassword()).isEqualTo("configured");
    }

    @Test
    void missingFileNamesFileAndProperties() {
        Path file = folder.resolve("missing");

        assertThatThrownBy(() -> new EventStoreReaderCredentials(file).apply(new DataSourceProperties()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(EventStoreReaderCredentials.FILE_PROPERTY)
                .hasMessageContaining("spring.datasource.username");
    }

    @Test
    void fileWithoutPasswordIsRejected() throws Exception {
        Path file = folder.resolve("event-store-reader");
        Files.writeString(file, "username=EVENT_READER\n");

        assertThatThrownBy(() -> new EventStoreReaderCredentials(file).apply(new DataSourceProperties()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("lacks password");
    }
}
