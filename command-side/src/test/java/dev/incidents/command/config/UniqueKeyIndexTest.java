package dev.incidents.command.config;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Lookups and duplicate checks through the embedded server's unique indexes return the same results as the in-memory
 * server, also for ids of mixed number types. They still do after an upgrade from a file whose unique indexes were
 * keyed by serialized Java objects.
 */
class UniqueKeyIndexTest {

    private static final ObjectId OBJECT_ID = new ObjectId("65f1c2a9e4b0a1b2c3d4e5f6");
    private static final int DUPLICATE_KEY = 11000;

    @TempDir
    Path folder;

    private final LocalMongoServers servers = new LocalMongoServers();

    @AfterEach
    void stopServers() {
        servers.close();
    }

    @Test
    void lookupsMatchInMemoryServer() {
        MongoCollection<Document> reference = collection(servers.startMemoryServer());
        String file = folder.resolve("mongo.mv").toString();
        MongoCollection<Document> indexed = collection(servers.startIndexedServer(file));
        for (MongoCollection<Document> records : List.of(reference, indexed)) {
            records.createIndex(Indexes.ascending("group", "code"), new IndexOptions().unique(true));
            records.insertMany(documents());
        }

        assertSameAnswers(reference, indexed);
        for (MongoCollection<Document> records : List.of(reference, indexed)) {
            assertDuplicateRejected(records, new Document("_id", 5.0));
            assertDuplicateRejected(records, new Document("_id", 7L));
            assertDuplicateRejected(records, new Document("_id", new Document("kind", "nested").append("n", 2.0)));
            assertDuplicateRejected(records, new Document("_id", "fresh").append("group", "G1").append("code", 1));
        }
    }

    @Test
    void upgradeRebuildsSerializedKeyIndexes() {
        String file = folder.resolve("mongo.mv").toString();
        MVStore plainStore = MVStore.open(file);
        MongoServer plain = new MongoServer(new H2Backend(plainStore));
        plain.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + plain.getLocalAddress().getPort())) {
            MongoCollection<Document> records = client.getDatabase("test").getCollection("records");
            records.createIndex(Indexes.ascending("group", "code"), new IndexOptions().unique(true));
            records.insertMany(documents());
        } finally {
            plain.shutdown();
            plainStore.close();
        }
        MongoCollection<Document> reference = collection(servers.startMemoryServer());
        reference.createIndex(Indexes.ascending("group", "code"), new IndexOptions().unique(true));
        reference.insertMany(documents());

        MongoCollection<Document> indexed = collection(servers.startIndexedServer(file));

        assertThat(servers.lastStore().getMapNames())
                .contains("test.records._unique__id_", "test.records._unique_group_1_code_1")
                .doesNotContain("test.records._index__id_", "test.records._index_group_1_code_1");
        assertThat(servers.lastStore().openMap("test.records._unique__id_").sizeAsLong()).isEqualTo(documents().size());
        assertSameAnswers(reference, indexed);
        assertDuplicateRejected(indexed, new Document("_id", 5.0));
        assertDuplicateRejected(indexed, new Document("_id", "fresh").append("group", "G1").append("code", 1));
    }

    @Test
    void droppedIndexRemovesItsMap() {
        String file = folder.resolve("mongo.mv").toString();
        MongoCollection<Document> indexed = collection(servers.startIndexedServer(file));
        indexed.createIndex(Indexes.ascending("group", "code"), new IndexOptions().unique(true));
        indexed.insertMany(documents());

        indexed.dropIndex("group_1_code_1");

        assertThat(servers.lastStore().getMapNames()).doesNotContain("test.records._unique_group_1_code_1");
        indexed.insertOne(new Document("_id", "fresh").append("group", "G1").append("code", 1));
        assertThat(indexed.countDocuments(Filters.eq("group", "G1"))).isEqualTo(3);
    }

    private static void assertSameAnswers(MongoCollection<Document> reference, MongoCollection<Document> indexed) {
        Map<String, Bson> filters = new LinkedHashMap<>();
        filters.put("text id", Filters.eq("_id", "INC-1"));
        filters.put("int id as double", Filters.eq("_id", 5.0));
        filters.put("int id as long", Filters.eq("_id", 5L));
        filters.put("long id as int", Filters.eq("_id", 7));
        filters.put("object id", Filters.eq("_id", OBJECT_ID));
        filters.put("nested id with other number type",
                Filters.eq("_id", new Document("kind", "nested").append("n", 2)));
        filters.put("id in", Filters.in("_id", "INC-2", 5, "INC-404"));
        filters.put("id pattern", Filters.regex("_id", Pattern.compile("^INC-[12]$")));
        filters.put("compound key", Filters.and(Filters.eq("group", "G1"), Filters.eq("code", 1.0)));
        filters.put("missing id", Filters.eq("_id", "INC-404"));

        for (Map.Entry<String, Bson> filter : filters.entrySet()) {
            assertThat(names(indexed, filter.getValue())).as(filter.getKey())
                    .isEqualTo(names(reference, filter.getValue()));
        }
    }

    private static void assertDuplicateRejected(MongoCollection<Document> records, Document document) {
        assertThatThrownBy(() -> records.insertOne(document)).as("insert of %s", document)
                .isInstanceOfSatisfying(MongoWriteException.class,
                        rejected -> assertThat(rejected.getCode()).isEqualTo(DUPLICATE_KEY));
    }

    private static List<String> names(MongoCollection<Document> records, Bson filter) {
        List<String> names = new ArrayList<>();
        records.find(filter).forEach(document -> names.add(document.getString("name")));
        names.sort(null);
        return names;
    }

    private static List<Document> documents() {
        return List.of(
                new Document("_id", "INC-1").append("name", "text one").append("group", "G1").append("code", 1),
                new Document("_id", "INC-2").append("name", "text two").append("group", "G1").append("code", 2),
                new Document("_id", 5).append("name", "int five").append("group", "G2").append("code", 1),
                new Document("_id", 7L).append("name", "long seven").append("group", "G2").append("code", 2),
                new Document("_id", OBJECT_ID).append("name", "object id").append("group", "G3").append("code", 1),
                new Document("_id", new Document("kind", "nested").append("n", 2.0)).append("name", "nested")
                        .append("group", "G3").append("code", 2));
    }

    private MongoCollection<Document> collection(String uri) {
        return servers.collection(uri, "records");
    }
}
