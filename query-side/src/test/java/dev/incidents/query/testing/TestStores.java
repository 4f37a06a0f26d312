package dev.incidents.query.testing;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The event store and the MongoDB server of one test application, started once per test class. */
public final class TestStores {

    private final InMemoryMongo mongo;
    private final EventStoreTables events;

    private TestStores(InMemoryMongo mongo, EventStoreTables events) {
        this.mongo = mongo;
        this.events = events;
    }

    public static TestStores start() {
        return new TestStores(InMemoryMongo.start(), EventStoreTables.create());
    }

    /**
     * Points the application's event database and read model database at these stores. The in-memory event database
     * has only H2's default user, so the properties name it and the reader credentials file is not read.
     */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", events::url);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.data.mongodb.uri", mongo::uri);
    }

    public EventStoreTables events() {
        return events;
    }

    public InMemoryMongo mongo() {
        return mongo;
    }
}
