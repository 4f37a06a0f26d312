package dev.incidents.command.incident;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans that the incident's command handlers receive as parameters. */
@Configuration
class LifecycleConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LifecycleConfiguration.class);

    /** Reads the priority matrix at start, so an invalid table stops the server with a message naming the cell. */
    @Bean
    PriorityMatrix priorityMatrix(PriorityProperties properties) {
        PriorityMatrix matrix = PriorityMatrix.parse(properties.matrix());
        log.info("Priority matrix (impact = priorities for urgency HIGH, MEDIUM, LOW): {}", matrix);
        return matrix;
    }
}
