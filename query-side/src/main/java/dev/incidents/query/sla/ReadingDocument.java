package dev.incidents.query.sla;

import java.time.Instant;
import java.util.List;

import dev.incidents.api.sla.ServiceLevelReading;

/** A stored {@link ServiceLevelReading}, taken at the business time of the incident's latest event. */
public record ReadingDocument(Instant asOf, ClockDocument response, ClockDocument resolution,
                              List<StintDocument> stints, PromiseDocument promise) {

    static ReadingDocument of(ServiceLevelReading reading) {
        return new ReadingDocument(reading.asOf(), ClockDocument.of(reading.response()),
                ClockDocument.of(reading.resolution()),
                reading.stints().stream().map(StintDocument::of).toList(),
                PromiseDocument.of(reading.promise()));
    }
}
