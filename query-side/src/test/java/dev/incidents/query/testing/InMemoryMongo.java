package dev.incidents.query.testing;

import java.net.InetSocketAddress;

import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-JVM MongoDB wire server with the memory backend, bound to a random port on 127.0.0.1, and a real MongoDB
 * driver client connected to it.
 */
public final class InMemoryMongo implements AutoCloseable {

    public static final String DATABASE = "incidents";

    private final MongoServer server;
    private final MongoClient client;
    private final String uri;

    private InMemoryMongo(MongoServer server, String uri) {
        this.server = server;
        this.uri = uri;
        this.client = MongoClients.create(uri);
    }

    public static InMemoryMongo start() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        return new InMemoryMongo(server, "mongodb://127.0.0.1:" + address.getPort() + "/" + DATABASE);
    }

    /** Connection string including the database name. */
    public String uri() {
        return uri;
    }

    public MongoClient client() {
        return client;
    }

    public MongoTemplate template() {
        return new MongoTemplate(client, DATABASE);
    }

    /** Drops the test database, so that each test starts from empty collections. */
    public void clear() {
        client.getDatabase(DATABASE).drop();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
