package dev.incidents.command.config;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes that the embedded server applies on paths of its own give the in-memory server's results, errors, documents
 * and query results: replacements of one document by its {@code _id}, without the plain collection's query and deep
 * copies, and deletes of every document, in chunks.
 */
class DirectWritesTest {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    @TempDir
    Path folder;

    private final LocalMongoServers servers = new LocalMongoServers();

    @AfterEach
    void stopServers() {
        servers.close();
    }

    @Test
    void replacementsMatchMemoryServer() {
        String file = folder.resolve("mongo.mv").toString();
        MongoCollection<Document> reference = collection(servers.startMemoryServer());
        MongoCollection<Document> indexed = collection(servers.startIndexedServer(file));
        for (MongoCollection<Document> incidents : List.of(reference, indexed)) {
            createIncidents(incidents, 30);
        }

        List<Function<MongoCollection<Document>, Object>> writes = List.of(
                incidents -> incidents.replaceOne(Filters.eq("_id", "INC3"),
                        new Document("group", "G9").append("state", "ASSIGNED").append("code", "C3")),
                incidents -> incidents.replaceOne(Filters.eq("_id", "INC4"),
                        new Document("group", "G0").append("state", "NEW").append("code", "C4")),
                incidents -> incidents.replaceOne(Filters.eq("_id", "INC40"),
                        new Document("group", "G1").append("state", "NEW").append("code", "C40"), UPSERT),
                incidents -> incidents.replaceOne(Filters.eq("_id", "INC41"),
                        new Document("group", "G1").append("state", "NEW").append("code", "C41")),
                incidents -> incidents.replaceOne(Filters.eq("_id", "INC5"),
                        new Document("group", "G1").append("state", "NEW").append("code", "C6")),
                incidents -> incidents.replaceOne(Filters.eq("_id", "INC42"),
                        new Document("group", "G2").append("code", "C7"), UPSERT),
                incidents -> incidents.replaceOne(Filters.eq("_id", "INC7"),
                        new Document("_id", "INC8").append("group", "G2")),
                incidents -> incidents.replaceOne(Filters.eq("_id", "INC9"),
                        new Document("_id", "INC9").append("group", "G2").append("state", "PENDING")),
                incidents -> incidents.replaceOne(Filters.eq("_id", "INC10"),
                        new Document("group", "G2").append("tags", List.of("vpn", "network"))
                                .append("detail", new Document("site", "Lisbon").append("floor", 2))),
                incidents -> incidents.replaceOne(Filters.eq("_id", new ObjectId("64b7f0c2a1b2c3d4e5f60718")),
                        new Document("group", "G3").append("code", "C50"), UPSERT),
                incidents -> incidents.replaceOne(Filters.eq("_id", "INC11"), new Document(), UPSERT),
                incidents -> incidents.replaceOne(Filters.and(Filters.eq("_id", "INC12"), Filters.eq("state", "NEW")),
                        new Document("group", "G3").append("state", "CLOSED").append("code", "C12")));
        for (Function<MongoCollection<Document>, Object> write : writes) {
            assertThat(outcome(indexed, write)).isEqualTo(outcome(reference, write));
        }

        List<WriteModel<Document>> batch = List.of(
                new ReplaceOneModel<>(Filters.eq("_id", "INC13"), new Document("group", "G3").append("code", "C13")),
                new ReplaceOneModel<>(Filters.eq("_id", "INC14"), new Document("group", "G3").append("code", "C15")),
                new ReplaceOneModel<>(Filters.eq("_id", "INC43"), new Document("group", "G3").append("code", "C43"),
                        UPSERT));
        assertThat(outcome(indexed, incidents -> incidents.bulkWrite(batch, new BulkWriteOptions().ordered(false))))
                .isEqualTo(outcome(reference, incidents -> incidents.bulkWrite(batch,
                        new BulkWriteOptions().ordered(false))));

        assertSameContents(reference, indexed);
        servers.stopLastIndexedServer();
        assertSameContents(reference, collection(servers.startIndexedServer(file)));
    }

    @Test
    void deleteAllMatchesMemoryServer() {
        String file = folder.resolve("mongo.mv").toString();
        MongoCollection<Document> reference = collection(servers.startMemoryServer());
        MongoCollection<Document> indexed = collection(servers.startIndexedServer(file));
        for (MongoCollection<Document> incidents : List.of(reference, indexed)) {
            createIncidents(incidents, 1_234);
        }

        for (MongoCollection<Document> incidents : List.of(reference, indexed)) {
            assertThat(incidents.deleteMany(new Document()).getDeletedCount()).isEqualTo(1_234);
            incidents.insertOne(new Document("_id", "INC7").append("group", "G3").append("state", "NEW")
                    .append("code", "C1"));
        }

        assertSameContents(reference, indexed);
        assertThat(indexed.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                .containsExactlyInAnyOrderElementsOf(reference.listIndexes().map(index -> index.getString("name"))
                        .into(new ArrayList<>()));
    }

    @Test
    void deleteAllClearsLostIndexEntries() {
        String file = folder.resolve("mongo.mv").toString();
        MongoCollection<Document> indexed = collection(servers.startIndexedServer(file));
        for (int number = 1; number <= 600; number++) {
            indexed.insertOne(new Document("_id", "INC" + number).append("group", "G" + number % 4));
        }
        // Emptying the _id index leaves the store as a delete that stopped between that index and the documents.
        servers.lastStore().openMap("test.incidents._unique__id_").clear();

        assertThat(indexed.deleteMany(new Document()).getDeletedCount()).isEqualTo(600);

        assertThat(indexed.countDocuments()).isZero();
        indexed.insertOne(new Document("_id", "INC1").append("group", "G1"));
        assertThat(all(indexed, Filters.eq("_id", "INC1"))).hasSize(1);
    }

    /** Returns the outcome of a write: its result, or the error code of each failed statement. */
    private static Object outcome(MongoCollection<Document> incidents,
                                  Function<MongoCollection<Document>, Object> write) {
        try {
            Object result = write.apply(incidents);
            return result instanceof UpdateResult update ? update.toString() : String.valueOf(result);
        } catch (MongoWriteException e) {
            return "error " + e.getError().getCode();
        } catch (MongoBulkWriteException e) {
            return "errors " + e.getWriteErrors().stream().map(error -> error.getIndex() + ":" + error.getCode())
                    .toList() + " after " + e.getWriteResult();
        }
    }

    private static void assertSameContents(MongoCollection<Document> reference, MongoCollection<Document> indexed) {
        assertThat(all(indexed, new Document())).isEqualTo(all(reference, new Document()));
        List<Bson> filters = List.of(Filters.eq("group", "G2"), Filters.and(Filters.eq("group", "G3"),
                        Filters.eq("state", "CLOSED")), Filters.eq("code", "C3"), Filters.eq("code", "C6"),
                Filters.eq("tags", "vpn"), Filters.eq("group", "G9"), Filters.eq("state", "NEW"));
        for (Bson filter : filters) {
            assertThat(all(indexed, filter)).as(filter.toString()).isEqualTo(all(reference, filter));
        }
    }

    private static List<String> all(MongoCollection<Document> incidents, Bson filter) {
        return incidents.find(filter).sort(Sorts.ascending("_id")).map(Document::toJson).into(new ArrayList<>());
    }

    private MongoCollection<Document> collection(String uri) {
        return servers.collection(uri, "incidents");
    }

    /** Creates the indexes of the comparison and inserts incidents {@code INC1} to {@code INC<count>}. */
    private static void createIncidents(MongoCollection<Document> incidents, int count) {
        incidents.createIndex(Indexes.ascending("group", "state"));
        incidents.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
        incidents.createIndex(Indexes.ascending("tags"));
        for (int number = 1; number <= count; number++) {
            incidents.insertOne(new Document("_id", "INC" + number).append("group", "G" + number % 4)
                    .append("state", "NEW").append("code", "C" + number));
        }
    }
}
