package dev.incidents.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import dev.incidents.query.testing.InMemoryMongo;

/**
 * Starts the check against tracking tokens that Axon's {@code MongoTokenStore} wrote, as the embedded default and
 * Axon Server mode leave them.
 */
class EventStoreIdentityCheckTest {

    private static final String PROCESSOR = "incident-summary";
    private static final String READ_MODEL_COLLECTION = "incident_summaries";

    private final InMemoryMongo mongo = InMemoryMongo.start();

    private final ReadModel readModel = new ReadModel() {
        @Override
        public String processingGroup() {
            return PROCESSOR;
        }

        @Override
        public List<String> collections() {
            return List.of(READ_MODEL_COLLECTION);
        }
    };

    @AfterEach
    void stopMongo() {
        mongo.close();
    }

    @Test
    void firstStartRecordsEventStore() {
        new EventStoreIdentityCheck(mongo.template(), embedded(), List.of(readModel));

        assertThat(recordedEventStore()).isEqualTo(EventStoreIdentityCheck.EMBEDDED);
    }

    @Test
    void sameEventStoreKeepsTokens() {
        storeToken(GapAwareTrackingToken.newInstance(41, Set.of()));
        new EventStoreIdentityCheck(mongo.template(), embedded(), List.of(readModel));

        new EventStoreIdentityCheck(mongo.template(), embedded(), List.of(readModel));

        assertThat(tokenStore().fetchToken(PROCESSOR, 0)).isEqualTo(GapAwareTrackingToken.newInstance(41, Set.of()));
    }

    @Test
    void embeddedTokensStopAxonServerStart() {
        storeToken(GapAwareTrackingToken.newInstance(41, Set.of()));

        assertThatThrownBy(() -> new EventStoreIdentityCheck(mongo.template(), axonServer("default"),
                List.of(readModel)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("embedded H2 event store (GapAwareTrackingToken)")
                .hasMessageContaining("Axon Server context default")
                .hasMessageContaining(EventStoreIdentityCheck.RESET_PROPERTY + "=true");
        assertThat(recordedEventStore()).isNull();
    }

    @Test
    void axonServerTokensStopEmbeddedStart() {
        storeToken(new GlobalSequenceTrackingToken(41));

        assertThatThrownBy(() -> new EventStoreIdentityCheck(mongo.template(), embedded(), List.of(readModel)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("but this query side reads 'embedded H2 event store");
    }

    @Test
    void otherAxonServerContextStopsStart() {
        new EventStoreIdentityCheck(mongo.template(), axonServer("incidents-a"), List.of(readModel));

        assertThatThrownBy(() -> new EventStoreIdentityCheck(mongo.template(), axonServer("incidents-b"),
                List.of(readModel)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("context incidents-a")
                .hasMessageContaining("context incidents-b");
    }

    @Test
    void resetSettingDeletesTokensAndReadModels() {
        storeToken(GapAwareTrackingToken.newInstance(41, Set.of()));
        mongo.template().save(new Document("_id", "INC-1"), READ_MODEL_COLLECTION);
        MockEnvironment environment = axonServer("default")
                .withProperty(EventStoreIdentityCheck.RESET_PROPERTY, "true");

        new EventStoreIdentityCheck(mongo.template(), environment, List.of(readModel));

        assertThat(mongo.template().getCollection(EventStoreIdentityCheck.TOKEN_COLLECTION).countDocuments())
                .isZero();
        assertThat(mongo.template().getCollection(READ_MODEL_COLLECTION).countDocuments()).isZero();
        assertThat(recordedEventStore()).isEqualTo("axonserver:default");
    }

    private static MockEnvironment embedded() {
        return new MockEnvironment().withProperty("axon.axonserver.enabled", "false");
    }

    private static MockEnvironment axonServer(String context) {
        return new MockEnvironment().withProperty("axon.axonserver.enabled", "true")
                .withProperty("axon.axonserver.context", context);
    }

    private TokenStore tokenStore() {
        return MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(mongo.client(), InMemoryMongo.DATABASE).build())
                .serializer(JacksonSerializer.defaultSerializer())
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
    }

    private void storeToken(TrackingToken token) {
        TokenStore tokens = tokenStore();
        tokens.initializeTokenSegments(PROCESSOR, 1);
        tokens.storeToken(token, PROCESSOR, 0);
    }

    private String recordedEventStore() {
        Document identity = mongo.template().findById("tracking-tokens", Document.class,
                EventStoreIdentityCheck.COLLECTION);
        return identity == null ? null : identity.getString("eventStore");
    }
}
