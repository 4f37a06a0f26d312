package dev.incidents.command.incident;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.Map;

/**
 * The configured priority matrix, read by {@link PriorityMatrix#parse}.
 *
 * @param matrix one row per impact (HIGH, MEDIUM, LOW) with the priorities for urgency HIGH, MEDIUM and LOW, such
 *               as {@code HIGH: [P1, P2, P3]}; empty for the common ITIL matrix
 */
@ConfigurationProperties("incidents.priority")
public record PriorityProperties(Map<String, List<String>> matrix) {
}
