package dev.incidents.command.config;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * A database of the embedded MongoDB server whose unique indexes are {@link UniqueKeyIndex unique key indexes},
 * whose other indexes are {@link EqualityIndex equality indexes} that its {@link IndexedH2Collection collections}
 * read, and whose collections store their documents with {@link BsonDocumentValues}. Documents keep the maps of the
 * plain H2 backend, so a store file written by the plain backend opens with this one, which rebuilds its unique
 * indexes in maps of their own.
 */
final class KeyIndexedH2Database extends H2Database {

    /**
     * The store of the database being constructed. H2Database opens the existing collections and indexes from its
     * constructor, before the fields of this class are set.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();
    private static final Logger log = LoggerFactory.getLogger(KeyIndexedH2Database.class);

    private final MVStore store;

    private KeyIndexedH2Database(String databaseName, MVStore store, CursorRegistry cursors) {
        super(databaseName, store, cursors);
        this.store = store;
    }

    static KeyIndexedH2Database open(String databaseName, MVStore store, CursorRegistry cursors) {
        OPENING.set(store);
        try {
            return new KeyIndexedH2Database(databaseName, store, cursors);
        } finally {
            OPENING.remove();
        }
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        // The plain backend's names for the maps of this collection.
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> documents = store().openMap("databases." + fullName,
                new MVMap.Builder<Object, Document>().valueType(new BsonDocumentValues()));
        MVMap<String, Object> meta = store().openMap("meta." + fullName);
        return new IndexedH2Collection(this, collectionName, options, documents, meta, cursorRegistry);
    }

    /**
     * Opens the equality index in a map named {@code <collection>._ordered_<index>}. A map of the earlier form, named
     * {@code <collection>._index_<index>}, whose keys did not follow the sort order, is removed, and the collection
     * fills the new map from its documents when it adds the index.
     */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        String namespace = getFullCollectionNamespace(collectionName);
        String unorderedKeysMap = namespace + "._index_" + indexName;
        if (store().hasMap(unorderedKeysMap)) {
            log.info("Replacing index {} of {} with one whose keys follow the sort order", indexName, namespace);
            removeMap(unorderedKeysMap, new MVMap.Builder<byte[], Object>().keyType(ByteKeyOrder.INSTANCE));
        }
        MVMap<byte[], Object> entries = store().openMap(orderedIndexMap(namespace, indexName),
                new MVMap.Builder<byte[], Object>().keyType(ByteKeyOrder.INSTANCE));
        return new EqualityIndex(entries, indexName, keys, sparse);
    }

    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        if (command.equalsIgnoreCase("dropIndexes") && query.get("index") instanceof String indexName
                && !indexName.equals("*")) {
            return dropIndexByName(String.valueOf(query.get(command)), indexName);
        }
        if (!command.equalsIgnoreCase("aggregate")
                || !(resolveCollection(String.valueOf(query.get(command)), false)
                        instanceof IndexedH2Collection collection)) {
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }

        Document counted = LeadingMatch.ofCount(query);
        long count = counted == null ? -1 : collection.countFromIndex(counted);
        if (count >= 0) {
            return countResponse(collection.getFullName(), count);
        }

        Document match = LeadingMatch.of(query);
        if (match != null) {
            return collection.aggregateMatching(match,
                    () -> super.handleCommand(channel, command, query, databaseResolver, oplog));
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }

    /**
     * Drops one index of one collection by name. The plain server deletes the description of every index of that name
     * in the database. An index of the same name on another collection was then no longer listed or opened again
     * after a restart, and while it stayed open, a drop of the database failed.
     */
    private Document dropIndexByName(String collectionName, String indexName) {
        MongoCollection<Object> collection = resolveCollection(collectionName, false);
        if (collection != null) {
            dropIndex(collection, indexName);
            indexes.get().deleteDocuments(new Document("name", indexName).append("ns", collection.getFullName()), -1);
        }
        Document response = new Document();
        Utils.markOkay(response);
        return response;
    }

    /** Returns the response to a counting aggregation as the server's own pipeline returns it: no group for 0. */
    private static Document countResponse(String namespace, long count) {
        Object total = count <= Integer.MAX_VALUE ? (Object) (int) count : (Object) count;
        List<Document> firstBatch = count == 0 ? List.of() : List.of(new Document("_id", 1).append("n", total));
        Document cursor = new Document("id", 0L).append("ns", namespace).append("firstBatch", firstBatch);
        return new Document("cursor", cursor).append("ok", 1.0);
    }

    /**
     * Opens the unique index in a map named {@code <collection>._unique_<index>}. A map of the plain backend's form,
     * named {@code <collection>._index_<index>}, is removed, and the collection fills the new map from its documents
     * when it adds the index.
     */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        String namespace = getFullCollectionNamespace(collectionName);
        String serializedKeysMap = namespace + "._index_" + indexName;
        if (store().hasMap(serializedKeysMap)) {
            log.info("Replacing unique index {} of {}, keyed by serialized Java objects, with one keyed by bytes",
                    indexName, namespace);
            removeMap(serializedKeysMap, new MVMap.Builder<>());
        }
        MVMap<byte[], Object> entries = store().openMap(uniqueIndexMap(namespace, indexName),
                new MVMap.Builder<byte[], Object>().keyType(ByteKeyOrder.INSTANCE));
        return new UniqueKeyIndex(entries, indexName, keys, sparse);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        String namespace = getFullCollectionNamespace(collection.getCollectionName());
        store().removeMap(uniqueIndexMap(namespace, indexName));
        store().removeMap(orderedIndexMap(namespace, indexName));
    }

    /**
     * Removes a map that no index reads any more, opened first with the key type it was written with. The store's
     * background writer rewrites pages of every open map. Removing a map by name alone opens it with a key type that
     * cannot compare keys, and the writer failed on such a map and closed the store at the first start after an
     * upgrade.
     */
    private void removeMap(String name, MVMap.Builder<?, ?> writtenWith) {
        store().removeMap(store().openMap(name, writtenWith));
    }

    private static String uniqueIndexMap(String namespace, String indexName) {
        return namespace + "._unique_" + indexName;
    }

    private static String orderedIndexMap(String namespace, String indexName) {
        return namespace + "._ordered_" + indexName;
    }

    private MVStore store() {
        return store != null ? store : OPENING.get();
    }
}
