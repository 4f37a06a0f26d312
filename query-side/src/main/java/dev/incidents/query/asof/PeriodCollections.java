package dev.incidents.query.asof;

/**
 * The collections of one as-of history's {@link PeriodIndex}, and the processor that writes them.
 *
 * @param keys            the directory documents, one per key
 * @param buckets         the bucket documents that list each key's periods
 * @param processingGroup the processor to reset when the index is found inconsistent
 */
public record PeriodCollections(String keys, String buckets, String processingGroup) {
}
