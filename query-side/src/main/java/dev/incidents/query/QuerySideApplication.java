package dev.incidents.query;

import dev.incidents.access.security.AccessConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Query side of the incident server: projects the event store into MongoDB read models and serves queries.
 *
 * <p>Axon's JDBC auto-configuration is excluded because it would put a token store, a saga store and a dead-letter
 * queue on the event database, which belongs to the command side. The tracking tokens live in MongoDB instead.
 */
@SpringBootApplication(exclude = JdbcAutoConfiguration.class)
@Import(AccessConfiguration.class)
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
