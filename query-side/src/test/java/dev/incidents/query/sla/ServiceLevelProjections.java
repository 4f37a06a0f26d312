package dev.incidents.query.sla;

import org.springframework.data.mongodb.core.MongoOperations;

import dev.incidents.query.testing.ProjectionBatches;

/** Gives tests of other packages the service level projection, which is package-private like every projection. */
public final class ServiceLevelProjections {

    private final ServiceLevelProjection projection;

    public ServiceLevelProjections(MongoOperations mongo) {
        this.projection = new ServiceLevelProjection(mongo);
    }

    public ProjectionBatches batches() {
        return new ProjectionBatches(projection);
    }

    /** Clears the read model as the processor does before a replay. */
    public void reset() {
        projection.reset();
    }
}
