package dev.incidents.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoCollection;

import dev.incidents.query.testing.InMemoryMongo;

/**
 * A collection's hash is the same whether its documents are read in one sorted query or, as the fingerprint reads
 * text ids, by ids sorted here and looked up in chunks.
 */
class ReadModelFingerprintsTest {

    private static InMemoryMongo mongo;

    @BeforeAll
    static void startMongo() {
        mongo = InMemoryMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Test
    void textIdsHashAsOneSortedRead() throws Exception {
        List<Object> ids = new ArrayList<>();
        for (int number = 0; number < 250; number++) {
            ids.add("INC-" + number);
        }
        ids.add("inc-lower");
        ids.add("Z");

        assertSameHash("text_ids", ids);
    }

    @Test
    void otherIdsHashAsOneSortedRead() throws Exception {
        List<Object> ids = new ArrayList<>(List.of("INC-1", "INC-\u00e9", 7, 2.5, "INC-2"));

        assertSameHash("mixed_ids", ids);
    }

    private static void assertSameHash(String collection, List<Object> ids) throws Exception {
        MongoCollection<Document> documents = mongo.client().getDatabase(InMemoryMongo.DATABASE)
                .getCollection(collection);
        List<Object> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(5));
        for (Object id : shuffled) {
            documents.insertOne(new Document("_id", id).append("state", "NEW").append("revision", 3)
                    .append("left out", "written at " + id));
        }
        ReadModelFingerprints fingerprints = new ReadModelFingerprints(mongo.template(), null, null);
        MessageDigest digest = MessageDigest.getInstance(ReadModelFingerprints.ALGORITHM);
        MessageDigest collectionDigest = MessageDigest.getInstance(ReadModelFingerprints.ALGORITHM);

        long hashed = fingerprints.hashCollection(collection, List.of("left out"), digest, collectionDigest);

        MessageDigest expected = MessageDigest.getInstance(ReadModelFingerprints.ALGORITHM);
        expected.update((collection + "\n").getBytes(StandardCharsets.UTF_8));
        for (Document document : documents.find().sort(new Document("_id", 1))) {
            document.remove("left out");
            expected.update((ReadModelFingerprints.canonicalJson(document) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(hashed).isEqualTo(ids.size());
        assertThat(HexFormat.of().formatHex(digest.digest()))
                .isEqualTo(HexFormat.of().formatHex(expected.digest()));
    }
}
