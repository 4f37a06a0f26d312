package dev.incidents.query.projection;

import dev.incidents.access.security.DatabaseCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.util.StringUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sets the user and password of the event store connection from the file the command side generates, unless
 * {@code spring.datasource.username} is set, which then wins together with {@code spring.datasource.password}.
 */
final class EventStoreReaderCredentials implements BeanPostProcessor {

    static final String FILE_PROPERTY = "incidents.event-store.reader-password-file";

    private static final Logger log = LoggerFactory.getLogger(EventStoreReaderCredentials.class);

    private final Path file;

    /** @param file the credentials file, or null to use only the {@code spring.datasource.*} properties */
    EventStoreReaderCredentials(Path file) {
        this.file = file;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSourceProperties properties) {
            apply(properties);
        }
        return bean;
    }

    void apply(DataSourceProperties properties) {
        if (StringUtils.hasText(properties.getUsername())) {
            log.info("Reading the event store {} as {}, set by spring.datasource.username", properties.getUrl(),
                    properties.getUsername());
            return;
        }
        if (file == null) {
            return;
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("The event store credentials file " + file + " is missing. Start the"
                    + " command side first, which generates it on its first start, or set " + FILE_PROPERTY
                    + " to that file, or set spring.datasource.username and spring.datasource.password.");
        }
        try {
            DatabaseCredentials reader = DatabaseCredentials.read(file);
            properties.setUsername(reader.username());
            properties.setPassword(reader.password());
            log.info("Reading the event store {} as {} with the password from {}", properties.getUrl(),
                    reader.username(), file);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the event store credentials file " + file, e);
        }
    }
}
