package dev.incidents.query.monitoring;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;

/**
 * Shortens how long a read of the read model database waits for an unreachable server. With the driver's defaults (30 s
 * to select a server, no limit to connect), the health endpoint and every query hung for half a minute when the
 * embedded MongoDB server had stopped with the command side. Monitoring could not tell a slow system from a stopped
 * one. A timeout written in the connection string wins.
 */
@Configuration(proxyBeanMethods = false)
class ReadModelDatabaseTimeouts {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MongoClientSettingsBuilderCustomizer readModelDatabaseTimeoutCustomizer(
            MongoConnectionDetails connection,
            @Value("${incidents.mongo.server-selection-timeout:5s}") Duration serverSelection,
            @Value("${incidents.mongo.connect-timeout:5s}") Duration connect) {
        return builder -> apply(connection.getConnectionString(), serverSelection, connect, builder);
    }

    /** Sets each timeout that the connection string leaves out. */
    static void apply(ConnectionString uri, Duration serverSelection, Duration connect,
                      MongoClientSettings.Builder builder) {
        if (serverSelection.isNegative() || serverSelection.isZero() || connect.isNegative() || connect.isZero()) {
            throw new IllegalArgumentException("invalid incidents.mongo timeouts " + serverSelection + " and "
                    + connect + ": use positive durations such as 5s");
        }
        if (uri.getServerSelectionTimeout() == null) {
            builder.applyToClusterSettings(cluster ->
                    cluster.serverSelectionTimeout(serverSelection.toMillis(), TimeUnit.MILLISECONDS));
        }
        if (uri.getConnectTimeout() == null) {
            builder.applyToSocketSettings(socket -> socket.connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS));
        }
    }
}
