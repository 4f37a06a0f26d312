package dev.incidents.query.servicelevel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A collection with one document per version of a named definition, such as a business calendar. Each document is
 * the JSON form of {@code T} with the fields {@code id} and {@code version}, keyed by {@code <id>#<version>}. A
 * version never changes once saved, so storing it again replaces it with the same content.
 *
 * <p>Lookups filter on {@code id} by equality without an index, which is cheap for the few definitions an
 * organisation keeps.
 *
 * @param <T> the version record, with the JSON properties {@code id} and {@code version}
 */
final class VersionedDocuments<T> {

    static final String ID = "id";
    static final String VERSION = "version";

    private final MongoOperations mongo;
    private final ObjectMapper objectMapper;
    private final String name;
    private final Class<T> type;

    VersionedDocuments(MongoOperations mongo, ObjectMapper objectMapper, String name, Class<T> type) {
        this.mongo = mongo;
        this.objectMapper = objectMapper;
        this.name = name;
        this.type = type;
    }

    String name() {
        return name;
    }

    void save(String id, int version, T value) {
        String key = key(id, version);
        Document document;
        try {
            document = Document.parse(objectMapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write version " + version + " of " + id + " to " + name, e);
        }
        document.put("_id", key);
        mongo.getCollection(name).replaceOne(new Document("_id", key), document, new ReplaceOptions().upsert(true));
    }

    Optional<T> find(String id, int version) {
        return Optional.ofNullable(mongo.getCollection(name).find(new Document("_id", key(id, version))).first())
                .map(this::toValue);
    }

    Optional<T> latest(String id) {
        return Optional.ofNullable(mongo.getCollection(name).find(new Document(ID, id))
                        .sort(new Document(VERSION, -1)).limit(1).first())
                .map(this::toValue);
    }

    /** Returns the latest version of every id, ordered by id. */
    List<T> latestOfEach() {
        Map<String, Document> latest = new LinkedHashMap<>();
        List<Document> documents = mongo.getCollection(name).find().into(new ArrayList<>());
        documents.sort(Comparator.comparing((Document document) -> document.getString(ID))
                .thenComparing(document -> document.getInteger(VERSION)));
        for (Document document : documents) {
            latest.put(document.getString(ID), document);
        }
        return latest.values().stream().map(this::toValue).toList();
    }

    void clear() {
        mongo.remove(new Query(), name);
    }

    /** Returns the key of a version. The version is a number and comes last, so no two pairs share a key. */
    private static String key(String id, int version) {
        return id + "#" + version;
    }

    private T toValue(Document document) {
        document.remove("_id");
        try {
            return objectMapper.readValue(document.toJson(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read version " + document.get(VERSION) + " of "
                    + document.get(ID) + " from " + name, e);
        }
    }
}
