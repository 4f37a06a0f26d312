package dev.incidents.query.projection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.stereotype.Component;

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
     * Returns the fingerprint of the read model built by {@code processor}. The documents are streamed, so the memory
     * used does not grow with the collection. A processor that writes while the hash is computed can give a hash of
     * neither the state before nor after; take fingerprints to compare when {@code processorCaughtUp} is true and no
     * events arrive.
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
     */
    private long hashCollection(String collection, List<String> fieldsLeftOut, MessageDigest digest,
                                MessageDigest collectionDigest) {
        digest.update(line(collection));
        long documents = 0;
        // Without a batch size the embedded MongoDB server (mongo-java-server 1.47) returned all of a sorted
        // collection in its first reply, which exceeded the driver's 48 MB limit for queue_history after the BPI
        // Challenge 2013 replay.
        for (Document document : mongo.getCollection(collection).find().sort(new Document("_id", 1))
                .batchSize(FETCH_BATCH_SIZE)) {
            fieldsLeftOut.forEach(document::remove);
            byte[] line = line(canonicalJson(document));
            digest.update(line);
            collectionDigest.update(line);
            documents++;
        }
        return documents;
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
