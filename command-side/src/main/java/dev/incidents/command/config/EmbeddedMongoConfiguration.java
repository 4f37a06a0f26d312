package dev.incidents.command.config;

import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hosts the read-model database of the embedded default: a MongoDB wire protocol server in this JVM that keeps
 * its data in an H2 file in the data folder. It starts only when no external MongoDB URI is configured. It has
 * no sessions or transactions, so every projection must be idempotent.
 */
@Configuration
@ConditionalOnExpression("'${incidents.store.mongo-uri:}'.isBlank()")
class EmbeddedMongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoConfiguration.class);

    @Bean(destroyMethod = "shutdown")
    MongoServer embeddedMongoServer(StoreProperties properties) throws IOException {
        Path folder = properties.dataDir().resolve("read-models");
        Files.createDirectories(folder);
        MongoServer server = new MongoServer(DurableH2Backend.open(folder.resolve("mongo.mv").toString(),
                properties.mongoCacheMb()));
        server.bind(properties.bindAddress(), properties.mongoPort());
        log.info("Embedded MongoDB serving on {}:{} with data in {} and a page cache of {} MB",
                properties.bindAddress(), properties.mongoPort(), folder, properties.mongoCacheMb());
        return server;
    }
}
