package dev.incidents.query.sla;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;

/**
 * The {@code service_levels} collection: one {@link ServiceLevelRecord} per incident, keyed by incident id. The
 * queues and analytics filter it by equality on the fields named here and compute the rest in Java.
 */
public final class ServiceLevelCollection {

    public static final String NAME = "service_levels";

    public static final String AT_RISK_GROUPS = "atRiskGroups";
    public static final String BREACHED_GROUPS = "breachedGroups";
    public static final String GROUP = "facts.group";
    public static final String PRIORITY = "facts.priority";
    public static final String CATEGORY = "facts.category";

    private ServiceLevelCollection() {
    }

    /**
     * Creates the indexes of the equality filters and of the queues of every group. Creating an index that already
     * exists changes nothing.
     */
    static void ensureIndexes(MongoOperations mongo) {
        IndexOperations indexes = mongo.indexOps(NAME);
        indexes.ensureIndex(new Index().on(AT_RISK_GROUPS, Sort.Direction.ASC));
        indexes.ensureIndex(new Index().on(BREACHED_GROUPS, Sort.Direction.ASC));
        indexes.ensureIndex(new Index().on(GROUP, Sort.Direction.ASC));
        indexes.ensureIndex(new Index().on(PRIORITY, Sort.Direction.ASC));
        // Serves the analytics filtered by category alone.
        indexes.ensureIndex(new Index().on(CATEGORY, Sort.Direction.ASC));
        // Serve the queues of every group, which select records whose first group exists. A sparse index holds
        // only those records, so MongoDB can serve $exists: true from it.
        // NOTE: only QueryIndexIntegrationTest, which needs Docker, checks that MongoDB 7.0 picks these indexes.
        indexes.ensureIndex(new Index().on(AT_RISK_GROUPS + ".0", Sort.Direction.ASC).sparse());
        indexes.ensureIndex(new Index().on(BREACHED_GROUPS + ".0", Sort.Direction.ASC).sparse());
    }
}
