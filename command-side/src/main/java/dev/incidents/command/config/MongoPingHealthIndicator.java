package dev.incidents.command.config;

import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB health by the {@code ping} command. Spring Boot's own indicator sends {@code hello}, which the embedded
 * MongoDB wire server does not implement, so it is switched off in the configuration.
 */
@Component("mongoPing")
class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongoTemplate;

    MongoPingHealthIndicator(MongoTemplate mongoTemplate) {
        super("MongoDB health check failed");
        this.mongoTemplate = mongoTemplate;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document result = mongoTemplate.executeCommand(new Document("ping", 1));
        builder.up().withDetail("database", mongoTemplate.getDb().getName()).withDetail("ping", result.get("ok"));
    }
}
