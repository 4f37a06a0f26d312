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

    /** H2 client property: the rows that one round trip to its TCP server fetches. H2's default is 100. */
    static final String H2_FETCH_SIZE_PROPERTY = "h2.serverResultSetFetchSize";
    /** Rows per round trip: one whole batch of the event processors' reads (1,000 events). */
    static final String H2_FETCH_SIZE = "1000";

    public static void main(String[] args) {
        // Axon's JDBC storage engine sets no fetch size, so each 1,000-event batch took ten round trips to the
        // command side's H2 server. A profile of a rebuild showed the processors waiting about 40 ms on each.
        // H2 reads the property once, when its first class loads, so it is set before Spring starts.
        if (System.getProperty(H2_FETCH_SIZE_PROPERTY) == null) {
            System.setProperty(H2_FETCH_SIZE_PROPERTY, H2_FETCH_SIZE);
        }
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
