package dev.incidents.query.projection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import dev.incidents.api.query.FetchProjectionStatusQuery;
import dev.incidents.api.query.ProcessorStatus;
import dev.incidents.query.projection.ReadModelFingerprint.CollectionCount;

/**
 * Computes the fingerprint of a read model: one SHA-256 over all its collections, in alphabetical order of the
 * collection name. For each collection the hash takes its name, then every document sorted by {@code _id}, each as
 * one line of MongoDB Extended JSON v2 in canonical mode with the keys of every embedded document sorted, so that
 * neither the order in which a projection wrote the fields nor the physical order of the documents matters, but every
 * value and its BSON type do. The read model's {@link ReadModel#fieldsLeftOut} are removed from each document first.
 */
@Component
class ReadModelFingerprints {

    static final String ALGORITHM = "SHA-256";

    /**
     * Documents per reply while hashing. The largest documents, the buckets of an as-of period index, have an
     * estimated 50 KB, so a reply stays near 5 MB, far below the driver's 48 MB limit.
     */
    private static final int FETCH_BATCH_SIZE = 100;
    /** Ids per reply while the ids of a collection are read. */
    private static final int ID_BATCH_SIZE = 10_000;

    private static final JsonWriterSettings CANONICAL_JSON = JsonWriterSettings.builder()
            .outputMode(JsonMode.EXTENDED)
            .build();

    private final MongoOperations mongo;
    private final ReadModels readModels;
    private final ProjectionStatusQueryHandler status;

    ReadModelFingerprints(MongoOperations mongo, ReadModels readModels, ProjectionStatusQueryHandler status) {
        this.mongo = mongo;
        this.readModels = readModels;
        this.status = status;
    }

    /**
     * Returns the fingerprint of the read model built by {@code processor}. The documents are read in chunks, so the
     * memory used grows only with the number of ids. A processor that writes while the hash is computed can give a
     * hash of neither the state before nor after, so take fingerprints to compare when {@code processorCaughtUp} is
     * true and no events arrive.
     *
     * @throws ProjectionNotFoundException when no read model is built by that processor
     */
    ReadModelFingerprint fingerprint(String processor) {
        ReadModel readModel = readModels.get(processor);
        boolean caughtUp = status.handle(new FetchProjectionStatusQuery()).processors().stream()
                .filter(candidate -> candidate.name().equals(processor))
                .anyMatch(ProcessorStatus::caughtUp);

        MessageDigest digest = newDigest();
        List<CollectionCount> counts = new ArrayList<>();
        List<String> hashed = readModel.collections().stream()
                .filter(collection -> !readModel.collectionsInDeliveryOrder().contains(collection))
                .sorted()
                .toList();
        for (String collection : hashed) {
            MessageDigest collectionDigest = newDigest();
            long documents = hashCollection(collection, readModel.fieldsLeftOut(), digest, collectionDigest);
            counts.add(new CollectionCount(collection, documents,
                    HexFormat.of().formatHex(collectionDigest.digest())));
        }
        return new ReadModelFingerprint(processor, ALGORITHM, HexFormat.of().formatHex(digest.digest()), counts,
                readModel.fieldsLeftOut(), readModel.collectionsInDeliveryOrder(), caughtUp);
    }

    /**
     * Adds the collection's name and documents to the read model's digest, and the documents alone to the
     * collection's own digest, which shows which collection differs between two builds. Returns the number of
     * documents.
     * <p>
     * The embedded MongoDB server reads every document of a query into memory before it replies, and a sorted read
     * of the whole {@code queue_history} collection after the BPI Challenge 2013 replay ran the command side out of
     * its 512 MB heap. So the ids are read first, without a sort, and sorted here; the documents follow in chunks
     * looked up by id. Ids that are not all ASCII text are read in one sorted query, because MongoDB orders other
     * values by rules this class does not repeat.
     */
    long hashCollection(String collection, List<String> fieldsLeftOut, MessageDigest digest,
                        MessageDigest collectionDigest) {
        digest.update(line(collection));
        MongoCollection<Document> documents = mongo.getCollection(collection);
        List<String> ids = asciiTextIds(documents);
        if (ids == null) {
            return hashSorted(documents, fieldsLeftOut, digest, collectionDigest);
        }

        ids.sort(null);
        long hashed = 0;
        for (int start = 0; start < ids.size(); start += FETCH_BATCH_SIZE) {
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + FETCH_BATCH_SIZE));
            Map<Object, Document> found = new HashMap<>();
            documents.find(Filters.in("_id", chunk)).forEach(document -> found.put(document.get("_id"), document));
            // A document deleted since its id was read is left out, as a sorted read after the deletion would.
            for (String id : chunk) {
                Document document = found.get(id);
                if (document != null) {
                    hashDocument(document, fieldsLeftOut, digest, collectionDigest);
                    hashed++;
                }
            }
        }
        return hashed;
    }

    /** Returns the ids of the collection, or null when one is not ASCII text. */
    private static List<String> asciiTextIds(MongoCollection<Document> documents) {
        List<String> ids = new ArrayList<>();
        for (Document id : documents.find().projection(new Document("_id", 1)).batchSize(ID_BATCH_SIZE)) {
            if (!(id.get("_id") instanceof String text) || !text.chars().allMatch(character -> character < 0x80)) {
                return null;
            }
            ids.add(text);
        }
        return ids;
    }

    private long hashSorted(MongoCollection<Document> documents, List<String> fieldsLeftOut, MessageDigest digest,
                            MessageDigest collectionDigest) {
        long hashed = 0;
        // Without a batch size the embedded MongoDB server (mongo-java-server 1.47) returned all of a sorted
        // collection in its first reply, which exceeded the driver's 48 MB limit for queue_history after the BPI
        // Challenge 2013 replay.
        for (Document document : documents.find().sort(new Document("_id", 1)).batchSize(FETCH_BATCH_SIZE)) {
            hashDocument(document, fieldsLeftOut, digest, collectionDigest);
            hashed++;
        }
        return hashed;
    }

    private static void hashDocument(Document document, List<String> fieldsLeftOut, MessageDigest digest,
                                     MessageDigest collectionDigest) {
        fieldsLeftOut.forEach(document::remove);
        byte[] line = line(canonicalJson(document));
        digest.update(line);
        collectionDigest.update(line);
    }

    /** Returns the document as Extended JSON in canonical mode, with the keys of every embedded document sorted. */
    static String canonicalJson(Document document) {
        return sorted(document).toJson(CANONICAL_JSON);
    }

    private static Document sorted(Document document) {
        Map<String, Object> fields = new TreeMap<>();
        document.forEach((key, value) -> fields.put(key, sortedValue(value)));
        return new Document(fields);
    }

    private static Object sortedValue(Object value) {
        if (value instanceof Document embedded) {
            return sorted(embedded);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ReadModelFingerprints::sortedValue).toList();
        }
        return value;
    }

    private static byte[] line(String text) {
        return (text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no " + ALGORITHM + " digest, which every Java "
                    + "platform must provide", e);
        }
    }
}
