package dev.incidents.command.config;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics commands report the same data size as the in-memory server, which keeps a running total, although
 * the embedded server computes it only when asked.
 */
class CollectionStatisticsTest {

    @TempDir
    Path folder;

    private final List<Runnable> shutdowns = new ArrayList<>();

    @AfterEach
    void stopServers() {
        shutdowns.forEach(Runnable::run);
    }

    @Test
    void dataSizeMatchesInMemoryServer() {
        MongoDatabase reference = database(new MongoServer(new MemoryBackend()));
        MVStore store = MVStore.open(folder.resolve("mongo.mv").toString());
        shutdowns.add(store::close);
        MongoDatabase indexed = database(new MongoServer(new DurableH2Backend(store)));

        for (MongoDatabase database : List.of(reference, indexed)) {
            var summaries = database.getCollection("summaries");
            for (int number = 0; number < 50; number++) {
                summaries.insertOne(new Document("_id", "INC" + number).append("state", "NEW")
                        .append("notes", List.of("reported by phone")));
            }
            summaries.updateMany(Filters.lt("_id", "INC3"), Updates.combine(Updates.set("state", "ASSIGNED"),
                    Updates.push("notes", "assigned to the network group")));
            summaries.deleteOne(Filters.eq("_id", "INC7"));
        }

        Document expected = reference.runCommand(new Document("collStats", "summaries"));
        Document actual = indexed.runCommand(new Document("collStats", "summaries"));
        assertThat(actual.get("size")).as("collStats size").isEqualTo(expected.get("size"));
        assertThat(((Number) actual.get("size")).intValue()).isPositive();
        assertThat(indexed.runCommand(new Document("validate", "summaries")).get("datasize"))
                .isEqualTo(reference.runCommand(new Document("validate", "summaries")).get("datasize"));
    }

    private MongoDatabase database(MongoServer server) {
        server.bind("127.0.0.1", 0);
        shutdowns.add(0, server::shutdownNow);
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        shutdowns.add(0, client::close);
        return client.getDatabase("test");
    }
}
