package dev.incidents.command.importer;

import dev.incidents.api.incident.LifecyclePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Settings of the importer of historical logs.
 *
 * @param reopenAfterClosure whether work resumed after a Completed/Closed record reopens the incident (default
 *                           true, as the BPIC 2013 process allowed it); when false such records are rejected
 * @param handOverWhenResolved whether a support group change on a resolved incident moves it without a reopen
 * @param workers number of traces imported in parallel; each trace stays in order
 * @param sourceZone time zone in which logs with local times (the servicenow format) are read, such as
 *                   {@code Europe/Lisbon}; default UTC
 * @param yieldToLiveCommands whether imports send one command at a time while live commands run (default true), see
 *                            {@link LiveCommandTraffic}
 */
@ConfigurationProperties("incidents.import")
public record ImportProperties(boolean reopenAfterClosure, boolean handOverWhenResolved, int workers,
                               ZoneId sourceZone, Boolean yieldToLiveCommands) {

    /** Maximum number of incidents an import sends commands for at once, because more only wait for the event store. */
    public static final int MAX_WORKERS = 32;

    public ImportProperties {
        workers = workers <= 0 ? 4 : Math.min(workers, MAX_WORKERS);
        sourceZone = sourceZone == null ? ZoneOffset.UTC : sourceZone;
        yieldToLiveCommands = yieldToLiveCommands == null || yieldToLiveCommands;
    }

    LifecyclePolicy policy() {
        return new LifecyclePolicy(reopenAfterClosure, handOverWhenResolved);
    }
}
