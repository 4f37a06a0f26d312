package dev.incidents.query.projection;

import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.springframework.stereotype.Component;

import dev.incidents.api.query.FetchProjectionStatusQuery;
import dev.incidents.api.query.ProcessorStatus;
import dev.incidents.api.query.RebuildProgress;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer gauges with the figures of {@code GET /api/projections}, tagged with the processor name, so that
 * {@code /actuator/metrics} and any registry Spring Boot exports to show processor lag and rebuild progress. A gauge
 * without a value, such as the lag of a processor that has claimed no segment or the rebuild figures of a processor
 * that was never rebuilt, reads NaN. Each read queries the event store for its head.
 */
@Component
class ProjectionMetrics {

    private static final String TAG = "processor";

    private final ProjectionStatusQueryHandler status;

    ProjectionMetrics(ProjectionStatusQueryHandler status, ReadModels readModels, MeterRegistry registry) {
        this.status = status;
        for (String processor : readModels.names()) {
            register(registry, processor, "incidents.projection.position", "events",
                    "Global index of the last event the processor handled",
                    current -> value(current.position()));
            register(registry, processor, "incidents.projection.lag", "events",
                    "Global indexes between the processor's position and the head of the event store",
                    current -> value(current.lag()));
            register(registry, processor, "incidents.projection.rebuild.events", "events",
                    "Events replayed by the latest rebuild of the processor",
                    current -> rebuildValue(current, progress -> (double) progress.eventsDone()));
            register(registry, processor, "incidents.projection.rebuild.rate", "events/s",
                    "Events per second of the latest rebuild of the processor",
                    current -> rebuildValue(current, RebuildProgress::eventsPerSecond));
            register(registry, processor, "incidents.projection.rebuild.remaining", "seconds",
                    "Estimated seconds until the latest rebuild of the processor reaches the head",
                    current -> rebuildValue(current, progress -> value(progress.estimatedSecondsLeft())));
            register(registry, processor, "incidents.projection.rebuild.running", null,
                    "1 while a rebuild of the processor runs, otherwise 0",
                    current -> current.rebuild() != null && "RUNNING".equals(current.rebuild().state()) ? 1 : 0);
        }
    }

    private void register(MeterRegistry registry, String processor, String name, String unit, String description,
                          ToDoubleFunction<ProcessorStatus> figure) {
        Gauge.builder(name, this, metrics -> metrics.statusOf(processor).map(figure::applyAsDouble).orElse(Double.NaN))
                .tag(TAG, processor)
                .baseUnit(unit)
                .description(description)
                .register(registry);
    }

    private Optional<ProcessorStatus> statusOf(String processor) {
        return status.handle(new FetchProjectionStatusQuery()).processors().stream()
                .filter(candidate -> candidate.name().equals(processor))
                .findFirst();
    }

    private static double rebuildValue(ProcessorStatus current, ToDoubleFunction<RebuildProgress> figure) {
        return current.rebuild() == null ? Double.NaN : figure.applyAsDouble(current.rebuild());
    }

    private static double value(Number number) {
        return number == null ? Double.NaN : number.doubleValue();
    }
}
