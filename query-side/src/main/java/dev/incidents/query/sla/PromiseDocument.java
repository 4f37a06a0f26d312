package dev.incidents.query.sla;

import java.time.Instant;

import dev.incidents.api.sla.PromiseReading;

/** A stored {@link PromiseReading}. */
public record PromiseDocument(Instant promisedFor, Instant promisedAt, String promisedBy, Boolean kept) {

    static PromiseDocument of(PromiseReading promise) {
        return promise == null ? null
                : new PromiseDocument(promise.promisedFor(), promise.promisedAt(), promise.promisedBy(),
                promise.kept());
    }
}
