package dev.incidents.command.config;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Map;

/**
 * A database of the embedded MongoDB server whose unique indexes order their keys with {@link SerializedKeyOrder},
 * whose other indexes are {@link EqualityIndex equality indexes} that its {@link IndexedH2Collection collections}
 * read, and whose collections store their documents with {@link BsonDocumentValues}. The maps keep the names of the
 * plain H2 backend and the unique index maps its stored form, so a store file written by the plain backend opens
 * with this one.
 */
final class KeyIndexedH2Database extends H2Database {

    /**
     * The store of the database being constructed. H2Database opens the existing collections and indexes from its
     * constructor, before the fields of this class are set.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();
    private static final SerializedKeyOrder KEY_ORDER = new SerializedKeyOrder();

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

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        // The name the plain backend gives a unique index's map, so dropping the index or collection removes it.
        String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        MVMap<byte[], Object> entries = store().openMap(mapName,
                new MVMap.Builder<byte[], Object>().keyType(ByteKeyOrder.INSTANCE));
        return new EqualityIndex(entries, indexName, keys, sparse);
    }

    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        Document match = command.equalsIgnoreCase("aggregate") ? LeadingMatch.of(query) : null;
        if (match != null && resolveCollection(String.valueOf(query.get(command)), false)
                instanceof IndexedH2Collection collection) {
            return collection.aggregateMatching(match,
                    () -> super.handleCommand(channel, command, query, databaseResolver, oplog));
        }
        return super.handleCommand(channel, command, query, databaseResolver, oplog);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        // The plain backend's name for the map of this index.
        String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        MVMap<KeyValue, Object> map = store().openMap(mapName,
                new MVMap.Builder<KeyValue, Object>().keyType(KEY_ORDER));
        return new KeyIndex(map, indexName, keys, sparse);
    }

    private MVStore store() {
        return store != null ? store : OPENING.get();
    }

    /** A unique index in one map from key to document position, as in the plain backend. */
    private static final class KeyIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;

        KeyIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(key);
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(key);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}
