package dev.incidents.query.projection;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Publishes how many events each processor has handled in this process as the counter
 * {@code incidents.projection.handled}, tagged with the processor. Summed over the instances of a query side that
 * share a processor's segments, it equals the events in the store unless an event was handled twice, or a failed batch
 * was retried, which counts its events again.
 */
@Component
class HandledEventMetrics implements MeterBinder {

    static final String NAME = "incidents.projection.handled";

    private final HandledEventCounter counter;
    private final ReadModels readModels;

    HandledEventMetrics(HandledEventCounter counter, ReadModels readModels) {
        this.counter = counter;
        this.readModels = readModels;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String processor : readModels.names()) {
            FunctionCounter.builder(NAME, counter, handled -> handled.handled(processor))
                    .tag("processor", processor)
                    .baseUnit("events")
                    .description("Events the processor handled in this process since it started")
                    .register(registry);
        }
    }
}
