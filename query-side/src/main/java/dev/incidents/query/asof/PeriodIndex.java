package dev.incidents.query.asof;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * {@code _id} lookups only. The embedded mongo-java-server (1.47) keeps only unique indexes and serves a query from
 * one only when the filter is an equality or a {@code $in} on exactly the indexed fields, so a filter on a key field
 * would scan the whole collection of periods.
 *
 * <p>Each key has one directory document in the keys collection and its periods listed, in the order they were
 * opened, in bucket documents {@code <key>#0}, {@code <key>#1}, ... of the buckets collection, each with at most
 * {@code bucketCapacity} entries. An entry contains the period's id and its bounds on both time axes, so a query
 * selects the periods that contain its instant before reading them. The directory contains the number of the last
 * bucket, the first bucket that the last batch appended to, and the bucket of every period still open, which a later
 * event closes.
 *
 * <p>A redelivered batch must leave the same documents, also after a failed write stored only some of them. The
 * buckets are therefore written before the directories. Before appending a period, the batch looks for it in every
 * bucket that an interrupted attempt could have appended to. That is the directory's first bucket of the last batch,
 * up to the last bucket plus the number of buckets this batch's periods can fill. A period found there keeps its
 * place and gets its entry rewritten. A close whose period is no longer open in the directory was already written,
 * because a directory is stored only after its buckets.
 */
public final class PeriodIndex implements BatchWriter {

    /**
     * Entries per bucket. At an estimated 120 bytes per entry a full bucket is about 60 KB, which a batch rewrites
     * whenever it appends to it or closes one of its periods.
     */
    public static final int DEFAULT_BUCKET_CAPACITY = 500;

    /** Field of a period's start on the business axis, in the period documents and the index entries. */
    public static final String BUSINESS_FROM = "businessFrom";
    /** Field of a period's exclusive end on the business axis; null while the period is open. */
    public static final String BUSINESS_TO = "businessTo";
    /** Field of a period's start on the recording axis. */
    public static final String RECORDED_FROM = "recordedFrom";
    /** Field of a period's exclusive end on the recording axis; null while the period is open. */
    public static final String RECORDED_TO = "recordedTo";

    /** Field of a directory that a fingerprint leaves out, because it depends on where the batches began. */
    public static final String LAST_BATCH_FIRST_BUCKET = "lastBatchFirstBucket";

    static final String LAST_BUCKET = "lastBucket";
    static final String OPEN = "open";
    static final String ENTRIES = "entries";
    static final String ENTRY_ID = "id";
    static final String ENTRY_BUCKET = "bucket";

    private final MongoOperations mongo;
    private final PeriodCollections collections;
    private final int bucketCapacity;
    /** Periods opened in this batch, per section key, in the order they were opened. */
    private final Map<String, Map<String, Document>> opened = new LinkedHashMap<>();
    /** Periods opened in earlier batches and closed in this one, per section key: the end on both axes. */
    private final Map<String, Map<String, Instant[]>> closed = new LinkedHashMap<>();

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
        List<String> periodIds = new ArrayList<>();
        Query byIds = Query.query(Criteria.where("_id").in(bucketIds));
        for (Document bucket : mongo.find(byIds, Document.class, collections.buckets())) {
            for (Document entry : entries(bucket)) {
                Date from = entry.getDate(fromField);
                Date to = entry.getDate(toField);
                if (!from.after(at) && (to == null || to.after(at))) {
                    periodIds.add(entry.getString(ENTRY_ID));
                }
            }
        }
        return periodIds;
    }

    /** Adds the period with this id, opened at the given times, to {@code key}. */
    public void open(String key, String stintId, Instant businessFrom, Instant recordedFrom) {
        Document entry = new Document(ENTRY_ID, stintId)
                .append(BUSINESS_FROM, Date.from(businessFrom))
                .append(BUSINESS_TO, null)
                .append(RECORDED_FROM, Date.from(recordedFrom))
                .append(RECORDED_TO, null);
        opened.computeIfAbsent(key, ignored -> new LinkedHashMap<>()).put(stintId, entry);
    }

    /** Ends the period with this id in {@code key} at the given times on the two axes. */
    public void close(String key, String stintId, Instant businessTo, Instant recordedTo) {
        Document entry = opened.getOrDefault(key, Map.of()).get(stintId);
        if (entry != null) {
            entry.put(BUSINESS_TO, Date.from(businessTo));
            entry.put(RECORDED_TO, Date.from(recordedTo));
        } else {
            closed.computeIfAbsent(key, ignored -> new LinkedHashMap<>())
                    .put(stintId, new Instant[] {businessTo, recordedTo});
        }
    }

    @Override
    public void write() {
        Set<String> keys = new LinkedHashSet<>(opened.keySet());
        keys.addAll(closed.keySet());
        if (keys.isEmpty()) {
            return;
        }

        Map<String, Document> directories = load(collections.keys(), keys);
        Map<String, Document> buckets = load(collections.buckets(), bucketsToLoad(keys, directories));

        Map<String, Document> changedBuckets = new LinkedHashMap<>();
        List<Document> changedDirectories = new ArrayList<>();
        for (String key : keys) {
            changedDirectories.add(update(key, directories.get(key), buckets, changedBuckets));
        }

        // Buckets first: a directory in the store then never refers to entries that are not stored.
        replaceAll(collections.buckets(), changedBuckets.values());
        replaceAll(collections.keys(), changedDirectories);
        opened.clear();
        closed.clear();
    }

    /** Returns the ids of the buckets this batch may append to or close periods in. */
    private Set<String> bucketsToLoad(Set<String> keys, Map<String, Document> directories) {
        Set<String> ids = new LinkedHashSet<>();
        for (String key : keys) {
            Document directory = directories.get(key);
            int[] window = appendWindow(key, directory);
            for (int number = window[0]; number <= window[1]; number++) {
                ids.add(bucketId(key, number));
            }

            Map<String, Integer> open = openBuckets(directory);
            for (String stintId : closed.getOrDefault(key, Map.of()).keySet()) {
                Integer number = open.get(stintId);
                if (number != null) {
                    ids.add(bucketId(key, number));
                }
            }
        }
        return ids;
    }

    /**
     * Applies this batch's opens and closes of one key to its loaded buckets, records each changed bucket in
     * {@code changedBuckets} and returns the new directory.
     */
    private Document update(String key, Document directory, Map<String, Document> buckets,
                            Map<String, Document> changedBuckets) {
        Map<String, Integer> open = openBuckets(directory);
        int lastBucket = directory == null ? 0 : directory.getInteger(LAST_BUCKET);
        int lastBatchFirstBucket = directory == null ? 0 : directory.getInteger(LAST_BATCH_FIRST_BUCKET);

        Map<String, Integer> placed = new HashMap<>();
        int[] window = appendWindow(key, directory);
        for (int number = window[0]; number <= window[1]; number++) {
            Document bucket = buckets.get(bucketId(key, number));
            for (Document entry : bucket == null ? List.<Document>of() : entries(bucket)) {
                placed.put(entry.getString(ENTRY_ID), number);
            }
        }

        Integer firstAppended = null;
        for (Document entry : opened.getOrDefault(key, Map.of()).values()) {
            String stintId = entry.getString(ENTRY_ID);
            Integer number = placed.get(stintId);
            if (number == null) {
                Document tail = bucket(key, lastBucket, buckets);
                if (entries(tail).size() >= bucketCapacity) {
                    lastBucket++;
                    tail = bucket(key, lastBucket, buckets);
                }
                entries(tail).add(entry);
                number = lastBucket;
            } else {
                // Stored by an interrupted attempt at this batch, which may also have filled buckets after the last one
                // that the directory names.
                replaceEntry(buckets.get(bucketId(key, number)), entry);
                lastBucket = Math.max(lastBucket, number);
            }
            changedBuckets.put(bucketId(key, number), buckets.get(bucketId(key, number)));
            firstAppended = firstAppended == null ? number : Math.min(firstAppended, number);

            if (entry.get(BUSINESS_TO) == null) {
                open.put(stintId, number);
            } else {
                open.remove(stintId);
            }
        }

        for (Map.Entry<String, Instant[]> end : closed.getOrDefault(key, Map.of()).entrySet()) {
            Integer number = open.remove(end.getKey());
            if (number == null) {
                continue;
            }
            Document bucket = buckets.get(bucketId(key, number));
            Document entry = bucket == null ? null : findEntry(bucket, end.getKey());
            if (entry == null) {
                throw new IllegalStateException("the index in " + collections.keys() + " lists period "
                        + end.getKey() + " of " + key + " as open in bucket " + number + ", which does not contain "
                        + "it; reset the " + collections.processingGroup() + " processor to rebuild it");
            }
            entry.put(BUSINESS_TO, Date.from(end.getValue()[0]));
            entry.put(RECORDED_TO, Date.from(end.getValue()[1]));
            changedBuckets.put(bucketId(key, number), bucket);
        }

        List<Document> openList = new ArrayList<>();
        open.forEach((stintId, number) -> openList.add(new Document(ENTRY_ID, stintId).append(ENTRY_BUCKET, number)));
        return new Document("_id", key)
                .append(LAST_BUCKET, lastBucket)
                .append(LAST_BATCH_FIRST_BUCKET, firstAppended == null ? lastBatchFirstBucket : firstAppended)
                .append(OPEN, openList);
    }

    /**
     * Returns the first and last number of the buckets that may contain this batch's new periods of {@code key}: those
     * the last batch appended to, up to as many buckets after the last one as this batch's periods can fill.
     */
    private int[] appendWindow(String key, Document directory) {
        int opens = opened.getOrDefault(key, Map.of()).size();
        int first = directory == null ? 0 : directory.getInteger(LAST_BATCH_FIRST_BUCKET);
        int last = directory == null ? 0 : directory.getInteger(LAST_BUCKET);
        return new int[] {first, last + (opens + bucketCapacity - 1) / bucketCapacity};
    }

    private static Map<String, Integer> openBuckets(Document directory) {
        Map<String, Integer> open = new LinkedHashMap<>();
        if (directory != null) {
            for (Document entry : directory.getList(OPEN, Document.class)) {
                open.put(entry.getString(ENTRY_ID), entry.getInteger(ENTRY_BUCKET));
            }
        }
        return open;
    }

    /** Returns the loaded bucket, creating an empty one when it is not stored yet. */
    private static Document bucket(String key, int number, Map<String, Document> buckets) {
        return buckets.computeIfAbsent(bucketId(key, number),
                id -> new Document("_id", id).append(ENTRIES, new ArrayList<Document>()));
    }

    /** Returns the entries of a bucket document: the id and the bounds of each period. */
    public static List<Document> entries(Document bucket) {
        return bucket.getList(ENTRIES, Document.class);
    }

    private static Document findEntry(Document bucket, String stintId) {
        for (Document entry : entries(bucket)) {
            if (stintId.equals(entry.getString(ENTRY_ID))) {
                return entry;
            }
        }
        return null;
    }

    private static void replaceEntry(Document bucket, Document entry) {
        List<Document> entries = entries(bucket);
        for (int i = 0; i < entries.size(); i++) {
            if (entry.getString(ENTRY_ID).equals(entries.get(i).getString(ENTRY_ID))) {
                entries.set(i, entry);
                return;
            }
        }
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
