package dev.incidents.command.importer;

import dev.incidents.api.incident.LifecyclePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the importer of historical logs.
 *
 * @param reopenAfterClosure whether work resumed after a Completed/Closed record reopens the incident (default
 *                           true, as the BPIC 2013 process allowed it); when false such records are rejected
 * @param handOverWhenResolved whether a support group change on a resolved incident moves it without a reopen
 * @param workers number of traces imported in parallel; each trace stays in order
 */
@ConfigurationProperties("incidents.import")
public record ImportProperties(boolean reopenAfterClosure, boolean handOverWhenResolved, int workers) {

    public ImportProperties {
        workers = workers <= 0 ? 4 : workers;
    }

    LifecyclePolicy policy() {
        return new LifecyclePolicy(reopenAfterClosure, handOverWhenResolved);
    }
}
