package dev.incidents.query.projection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Stops the query side at start when its tracking tokens in MongoDB were written while reading another event store.
 * The H2 event store of the embedded default hands out {@code GapAwareTrackingToken}s and Axon Server
 * {@code GlobalSequenceTrackingToken}s, and a position in one store means nothing in the other, so the processors
 * would skip or repeat events. The event store of the tokens is stored next to them, in the collection
 * {@value #COLLECTION}. Tokens written before that collection existed are judged by their token type.
 *
 * <p>With {@code incidents.projections.reset-on-event-store-change=true} the check deletes the tokens and every read
 * model instead, so the processors rebuild them from the event store they now read. It runs while the beans are
 * created, before any processor starts.
 */
@Component
class EventStoreIdentityCheck {

    /** Collection of the one document that names the event store the tokens belong to. */
    static final String COLLECTION = "event_store_identity";
    /** Collection of Axon's {@code MongoTokenStore}. */
    static final String TOKEN_COLLECTION = "trackingtokens";
    static final String RESET_PROPERTY = "incidents.projections.reset-on-event-store-change";

    static final String EMBEDDED = "embedded-h2";
    static final String AXON_SERVER_PREFIX = "axonserver:";

    private static final Logger log = LoggerFactory.getLogger(EventStoreIdentityCheck.class);
    private static final String DOCUMENT_ID = "tracking-tokens";
    private static final String EVENT_STORE = "eventStore";

    EventStoreIdentityCheck(MongoOperations mongo, Environment environment, List<ReadModel> readModels) {
        String current = currentEventStore(environment);
        boolean reset = environment.getProperty(RESET_PROPERTY, Boolean.class, false);

        String recorded = recordedEventStore(mongo);
        if (recorded != null && !sameStore(recorded, current)) {
            if (!reset) {
                throw new IllegalStateException(mismatch(mongo, recorded, current));
            }
            resetReadModels(mongo, readModels, recorded, current);
        }
        record(mongo, current);
    }

    /** Returns the identity of the event store this process reads: the embedded H2 store or an Axon Server context. */
    static String currentEventStore(Environment environment) {
        if (environment.getProperty("axon.axonserver.enabled", Boolean.class, true)) {
            return AXON_SERVER_PREFIX + environment.getProperty("axon.axonserver.context", "default");
        }
        return EMBEDDED;
    }

    /**
     * Returns the event store the stored tokens belong to: the recorded identity, else the one their token type
     * implies, else null when there are no tokens or their type identifies no store (a replay token, for example).
     */
    private static String recordedEventStore(MongoOperations mongo) {
        Document identity = mongo.findById(DOCUMENT_ID, Document.class, COLLECTION);
        if (identity != null && identity.getString(EVENT_STORE) != null) {
            return identity.getString(EVENT_STORE);
        }
        Set<String> implied = new LinkedHashSet<>();
        for (String tokenType : tokenTypes(mongo)) {
            if (tokenType.endsWith(".GapAwareTrackingToken")) {
                implied.add(EMBEDDED);
            } else if (tokenType.endsWith(".GlobalSequenceTrackingToken")) {
                implied.add(AXON_SERVER_PREFIX + "*");
            }
        }
        return implied.size() == 1 ? implied.iterator().next() : null;
    }

    private static List<String> tokenTypes(MongoOperations mongo) {
        if (!mongo.collectionExists(TOKEN_COLLECTION)) {
            return List.of();
        }
        Query withToken = Query.query(Criteria.where("tokenType").ne(null));
        return mongo.findDistinct(withToken, "tokenType", TOKEN_COLLECTION, String.class);
    }

    /** Returns whether two identities name the same store. A token type alone names Axon Server but no context. */
    private static boolean sameStore(String recorded, String current) {
        if (recorded.equals(AXON_SERVER_PREFIX + "*")) {
            return current.startsWith(AXON_SERVER_PREFIX);
        }
        return recorded.equals(current);
    }

    private static String mismatch(MongoOperations mongo, String recorded, String current) {
        String database = mongo.getCollection(COLLECTION).getNamespace().getDatabaseName();
        return "The tracking tokens in MongoDB database '" + database + "' were written while reading the event store '"
                + describe(recorded) + "', but this query side reads '" + describe(current) + "'. Positions in one"
                + " event store mean nothing in the other, so the read models would skip or repeat events. Stop every"
                + " query-side instance, then start one with " + RESET_PROPERTY + "=true (environment variable"
                + " INCIDENTS_PROJECTIONS_RESET_ON_EVENT_STORE_CHANGE=true): it deletes the tokens and the read models"
                + " and rebuilds them from '" + describe(current) + "'. Start the other instances after it, without"
                + " the setting. To keep the old read models instead, go back to the event store they were built from.";
    }

    private static String describe(String identity) {
        if (identity.equals(EMBEDDED)) {
            return "embedded H2 event store (GapAwareTrackingToken)";
        }
        if (identity.equals(AXON_SERVER_PREFIX + "*")) {
            return "Axon Server (GlobalSequenceTrackingToken)";
        }
        return "Axon Server context " + identity.substring(AXON_SERVER_PREFIX.length())
                + " (GlobalSequenceTrackingToken)";
    }

    private static void resetReadModels(MongoOperations mongo, List<ReadModel> readModels, String recorded,
                                        String current) {
        List<String> collections = new ArrayList<>();
        for (ReadModel readModel : readModels) {
            collections.addAll(readModel.collections());
        }
        log.warn("Event store changed from '{}' to '{}' and {} is set: deleting the tracking tokens and the read"
                + " models {}, so every processor rebuilds them", describe(recorded), describe(current),
                RESET_PROPERTY, collections);
        mongo.remove(new Query(), TOKEN_COLLECTION);
        for (String collection : collections) {
            mongo.remove(new Query(), collection);
        }
    }

    private static void record(MongoOperations mongo, String current) {
        Document identity = new Document("_id", DOCUMENT_ID).append(EVENT_STORE, current);
        mongo.save(identity, COLLECTION);
        log.info("Tracking tokens belong to the event store '{}'", describe(current));
    }
}
