package dev.incidents.query.asof;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import dev.incidents.query.projection.BatchWriter;

/**
 * An index of the periods of an as-of history by key, which lets an as-of query find the periods of one key by
 * {@code _id} lookups only, which every MongoDB server serves from its primary index. The embedded server's other
 * indexes serve equality only, so a range of periods of one key would still read all of that key's periods.
 *
 * <p>Each key has one directory document in the keys collection and a log of its periods in bucket documents
 * {@code <key>#0}, {@code <key>#1}, ... of the buckets collection, each with at most {@code bucketCapacity} entries.
 * An entry records either the opening of a period, with its id and start on both time axes, or its closing, with its
 * id and end on both axes. A query reads every bucket of its key and keeps the periods that contain its instant
 * before reading them. Closes are appended rather than written into the open entry, so a batch rewrites only the last
 * buckets of each key it touches, and the entries follow the event order whatever the batch boundaries.
 *
 * <p>A redelivered batch must leave the same documents, also after a failed write stored only some of them. The
 * buckets are therefore written before the directories. Before appending an entry, the batch looks for it in every
 * bucket that an interrupted attempt could have appended to. That is the directory's first bucket of the last batch,
 * up to the last bucket plus the number of buckets this batch's entries can fill. An entry found there is not
 * appended again.
 */
public final class PeriodIndex implements BatchWriter {

    /**
     * Entries per bucket. A batch rewrites the last bucket of every key it touches, so the cost of a small batch grows
     * with this number. A query reads every bucket of its key, so its cost grows with the number of buckets. Keys
     * such as a requester of thousands of incidents take part in almost every batch of a live import, whose batches
     * are small.
     * At 100 entries (about 10 KB) such a batch rewrites a fifth of what it did at 500, and a query of such a key
     * reads five times as many, smaller buckets.
     */
    public static final int DEFAULT_BUCKET_CAPACITY = 100;

    /** Field of a period's start on the business axis, in the period documents and the opening entries. */
    public static final String BUSINESS_FROM = "businessFrom";
    /** Field of a period's exclusive end on the business axis, in the period documents and the closing entries. */
    public static final String BUSINESS_TO = "businessTo";
    /** Field of a period's start on the recording axis. */
    public static final String RECORDED_FROM = "recordedFrom";
    /** Field of a period's exclusive end on the recording axis, in the period documents and the closing entries. */
    public static final String RECORDED_TO = "recordedTo";

    /** Field of a directory that a fingerprint leaves out, because it depends on where the batches began. */
    public static final String LAST_BATCH_FIRST_BUCKET = "lastBatchFirstBucket";

    static final String LAST_BUCKET = "lastBucket";
    static final String ENTRIES = "entries";
    static final String ENTRY_ID = "id";

    private final MongoOperations mongo;
    private final PeriodCollections collections;
    private final int bucketCapacity;
    /** Entries this batch appends, per key, in event order. */
    private final Map<String, List<Document>> appended = new LinkedHashMap<>();

    public PeriodIndex(MongoOperations mongo, PeriodCollections collections, int bucketCapacity) {
        if (bucketCapacity < 1) {
            throw new IllegalArgumentException("invalid period index bucket capacity " + bucketCapacity
                    + ": use a positive number of entries");
        }
        this.mongo = mongo;
        this.collections = collections;
        this.bucketCapacity = bucketCapacity;
    }

    /** Returns the id of bucket {@code number} of {@code key}. */
    static String bucketId(String key, int number) {
        return key + "#" + number;
    }

    /**
     * Returns the ids of the periods of {@code key} that start at or before {@code asOf} and end after it, on the
     * business axis or else the recording axis. Reads the key's directory and then its buckets, both by {@code _id}.
     */
    public static List<String> periodsAt(MongoOperations mongo, PeriodCollections collections, String key,
                                         Instant asOf, boolean businessAxis) {
        Document directory = mongo.findById(key, Document.class, collections.keys());
        if (directory == null) {
            return List.of();
        }

        List<String> bucketIds = new ArrayList<>();
        for (int number = 0; number <= directory.getInteger(LAST_BUCKET); number++) {
            bucketIds.add(bucketId(key, number));
        }
        Date at = Date.from(asOf);
        String fromField = businessAxis ? BUSINESS_FROM : RECORDED_FROM;
        String toField = businessAxis ? BUSINESS_TO : RECORDED_TO;
        Set<String> started = new HashSet<>();
        Set<String> ended = new HashSet<>();
        Query byIds = Query.query(Criteria.where("_id").in(bucketIds));
        for (Document bucket : mongo.find(byIds, Document.class, collections.buckets())) {
            for (Document entry : entries(bucket)) {
                Date from = entry.getDate(fromField);
                Date to = entry.getDate(toField);
                if (from != null && !from.after(at)) {
                    started.add(entry.getString(ENTRY_ID));
                }
                if (to != null && !to.after(at)) {
                    ended.add(entry.getString(ENTRY_ID));
                }
            }
        }
        started.removeAll(ended);
        return started.stream().sorted().toList();
    }

    /** Records that the period with this id of {@code key} opened at the given times on the two axes. */
    public void open(String key, String periodId, Instant businessFrom, Instant recordedFrom) {
        append(key, new Document(ENTRY_ID, periodId)
                .append(BUSINESS_FROM, Date.from(businessFrom))
                .append(RECORDED_FROM, Date.from(recordedFrom)));
    }

    /** Records that the period with this id of {@code key} ended at the given times on the two axes. */
    public void close(String key, String periodId, Instant businessTo, Instant recordedTo) {
        append(key, new Document(ENTRY_ID, periodId)
                .append(BUSINESS_TO, Date.from(businessTo))
                .append(RECORDED_TO, Date.from(recordedTo)));
    }

    private void append(String key, Document entry) {
        appended.computeIfAbsent(key, ignored -> new ArrayList<>()).add(entry);
    }

    @Override
    public void write() {
        if (appended.isEmpty()) {
            return;
        }

        Map<String, Document> directories = load(collections.keys(), appended.keySet());
        List<String> bucketIds = new ArrayList<>();
        appended.forEach((key, entries) -> {
            int[] window = appendWindow(directories.get(key), entries.size());
            for (int number = window[0]; number <= window[1]; number++) {
                bucketIds.add(bucketId(key, number));
            }
        });
        Map<String, Document> buckets = load(collections.buckets(), bucketIds);

        Map<String, Document> changedBuckets = new LinkedHashMap<>();
        List<Document> changedDirectories = new ArrayList<>();
        appended.forEach((key, entries) ->
                changedDirectories.add(update(key, entries, directories.get(key), buckets, changedBuckets)));

        // Buckets first: a directory in the store then never names a bucket that is not stored.
        replaceAll(collections.buckets(), changedBuckets.values());
        replaceAll(collections.keys(), changedDirectories);
        appended.clear();
    }

    /**
     * Appends this batch's entries of one key to its loaded buckets, skipping those an interrupted attempt already
     * stored, records each changed bucket in {@code changedBuckets} and returns the new directory.
     */
    private Document update(String key, List<Document> entries, Document directory, Map<String, Document> buckets,
                            Map<String, Document> changedBuckets) {
        int lastBucket = directory == null ? 0 : directory.getInteger(LAST_BUCKET);
        int[] window = appendWindow(directory, entries.size());
        Map<Document, Integer> stored = new HashMap<>();
        for (int number = window[0]; number <= window[1]; number++) {
            Document bucket = buckets.get(bucketId(key, number));
            for (Document entry : bucket == null ? List.<Document>of() : entries(bucket)) {
                stored.put(entry, number);
            }
        }

        Integer firstBucket = null;
        for (Document entry : entries) {
            Integer number = stored.get(entry);
            if (number == null) {
                Document tail = bucket(key, lastBucket, buckets);
                if (entries(tail).size() >= bucketCapacity) {
                    lastBucket++;
                    tail = bucket(key, lastBucket, buckets);
                }
                entries(tail).add(entry);
                number = lastBucket;
                changedBuckets.put(bucketId(key, number), tail);
            } else {
                // Stored by an interrupted attempt at this batch, which may also have filled buckets after the last
                // one that the directory names.
                lastBucket = Math.max(lastBucket, number);
            }
            firstBucket = firstBucket == null ? number : Math.min(firstBucket, number);
        }

        return new Document("_id", key)
                .append(LAST_BUCKET, lastBucket)
                .append(LAST_BATCH_FIRST_BUCKET, firstBucket == null ? window[0] : firstBucket);
    }

    /**
     * Returns the first and last number of the buckets that may contain this batch's entries of a key: those the last
     * batch appended to, up to as many buckets after the last one as {@code entries} can fill.
     */
    private int[] appendWindow(Document directory, int entries) {
        int first = directory == null ? 0 : directory.getInteger(LAST_BATCH_FIRST_BUCKET);
        int last = directory == null ? 0 : directory.getInteger(LAST_BUCKET);
        return new int[] {first, last + (entries + bucketCapacity - 1) / bucketCapacity};
    }

    /** Returns the loaded bucket, creating an empty one when it is not stored yet. */
    private static Document bucket(String key, int number, Map<String, Document> buckets) {
        return buckets.computeIfAbsent(bucketId(key, number),
                id -> new Document("_id", id).append(ENTRIES, new ArrayList<Document>()));
    }

    /** Returns the entries of a bucket document: each period's opening or closing, in event order. */
    public static List<Document> entries(Document bucket) {
        return bucket.getList(ENTRIES, Document.class);
    }

    /** Loads the documents with these ids by one {@code $in} query on {@code _id}, which the unique index serves. */
    private Map<String, Document> load(String collection, Collection<String> ids) {
        Map<String, Document> documents = new HashMap<>();
        if (ids.isEmpty()) {
            return documents;
        }
        for (Document stored : mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, collection)) {
            documents.put(stored.getString("_id"), stored);
        }
        return documents;
    }

    private void replaceAll(String collection, Collection<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        for (Document document : documents) {
            bulk.replaceOne(Query.query(Criteria.where("_id").is(document.getString("_id"))), document,
                    FindAndReplaceOptions.options().upsert());
        }
        bulk.execute();
    }
}
