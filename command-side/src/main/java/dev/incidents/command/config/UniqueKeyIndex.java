package dev.incidents.command.config;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import org.h2.mvstore.MVMap;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;

/**
 * A unique index of the embedded MongoDB server in a map of the store from the {@link IndexKeyBytes#exact exact key
 * bytes} of a document's indexed values to the document's position.
 * <p>
 * The plain backend keys the map by the values' Java serialization, and its order is the order of those bytes, so
 * every comparison of a search serialized the keys it compared again. In a profile of an import, that took a fifth of
 * the server's processor samples. These keys are bytes already, written once per lookup and compared as they are.
 */
final class UniqueKeyIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<byte[], Object> entries;

    UniqueKeyIndex(MVMap<byte[], Object> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return entries.remove(IndexKeyBytes.exact(key));
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return entries.putIfAbsent(IndexKeyBytes.exact(key), Missing.ofNullable(position)) == null;
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return entries.get(IndexKeyBytes.exact(key));
    }

    /** Returns every key with its position; the server reads them all only for a regular expression on the key. */
    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return () -> entries.entrySet().stream()
                .<Map.Entry<KeyValue, Object>>map(entry -> new AbstractMap.SimpleImmutableEntry<>(
                        new KeyValue(IndexKeyBytes.valuesOf(entry.getKey())), entry.getValue()))
                .iterator();
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.clear();
    }
}
