package dev.incidents.command.incident;

import dev.incidents.api.incident.LifecyclePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The lifecycle policy for live commands.
 *
 * @param reopenAfterClosure whether a CLOSED incident may be reopened (default false)
 * @param handOverWhenResolved whether a RESOLVED incident may move to another group without reopening (default false)
 */
@ConfigurationProperties("incidents.lifecycle")
public record LifecycleProperties(boolean reopenAfterClosure, boolean handOverWhenResolved) {

    public LifecyclePolicy policy() {
        return new LifecyclePolicy(reopenAfterClosure, handOverWhenResolved);
    }
}
