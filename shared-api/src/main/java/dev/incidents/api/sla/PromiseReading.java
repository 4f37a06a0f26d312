package dev.incidents.api.sla;

import java.time.Instant;

/**
 * A resolution time a person promised. It is a fixed instant: pauses and priority changes never move it.
 *
 * @param promisedFor instant by which the incident is to be resolved
 * @param promisedAt  instant the promise was made
 * @param kept        true when resolved by {@code promisedFor}; false when resolved later, or when unresolved at
 *                    the reading and {@code promisedFor} has passed; null while it can still be kept. A reopen or
 *                    rejected resolution makes the incident unresolved again. A cancellation fixes the value it
 *                    had at that instant, so a promise whose time had not come stays null
 */
public record PromiseReading(Instant promisedFor, Instant promisedAt, String promisedBy, Boolean kept) {
}
