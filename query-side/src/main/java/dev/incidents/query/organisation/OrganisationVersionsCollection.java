package dev.incidents.query.organisation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.ReplaceOptions;
import dev.incidents.api.query.OrganisationVersion;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The {@code organisation_versions} collection: one document per published version, keyed by the version number,
 * holding the version's JSON form. A version never changes once published, so a document is written once.
 */
@Component
class OrganisationVersionsCollection {

    static final String NAME = "organisation_versions";

    private static final String VERSION = "version";
    private static final String SHA256 = "sha256";

    private final MongoOperations mongo;
    private final ObjectMapper objectMapper;

    OrganisationVersionsCollection(MongoOperations mongo, ObjectMapper objectMapper) {
        this.mongo = mongo;
        this.objectMapper = objectMapper;
    }

    /** Stores a version; storing the same version again replaces it with the same content. */
    void save(OrganisationVersion version) {
        try {
            Document document = Document.parse(objectMapper.writeValueAsString(version));
            document.put("_id", version.version());
            mongo.getCollection(NAME).replaceOne(new Document("_id", version.version()), document,
                    new ReplaceOptions().upsert(true));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write organisation version " + version.version(), e);
        }
    }

    Optional<OrganisationVersion> find(long version) {
        return Optional.ofNullable(mongo.getCollection(NAME).find(new Document("_id", version)).first())
                .map(this::toVersion);
    }

    Optional<OrganisationVersion> latest() {
        return Optional.ofNullable(mongo.getCollection(NAME).find()
                        .sort(new Document(VERSION, -1)).limit(1).first())
                .map(this::toVersion);
    }

    /** Returns the highest version number whose content has this hash, or 0 when none has. */
    long latestVersionWithHash(String sha256) {
        Query query = new Query(Criteria.where(SHA256).is(sha256)).with(Sort.by(Sort.Direction.DESC, VERSION))
                .limit(1);
        query.fields().include(VERSION);
        Document found = mongo.findOne(query, Document.class, NAME);
        return found == null ? 0 : ((Number) found.get(VERSION)).longValue();
    }

    void clear() {
        mongo.remove(new Query(), NAME);
    }

    private OrganisationVersion toVersion(Document document) {
        document.remove("_id");
        try {
            return objectMapper.readValue(document.toJson(), OrganisationVersion.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read organisation version " + document.get(VERSION), e);
        }
    }
}
