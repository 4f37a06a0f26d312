package dev.incidents.query.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;

class ReadModelDatabaseTimeoutsTest {

    private static MongoClientSettings settings(String uri, Duration serverSelection, Duration connect) {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(connection);
        ReadModelDatabaseTimeouts.apply(connection, serverSelection, connect, builder);
        return builder.build();
    }

    @Test
    void defaultsApplyWithoutUriTimeouts() {
        MongoClientSettings settings = settings("mongodb://127.0.0.1:27117/incidents", Duration.ofSeconds(4),
                Duration.ofMillis(1500));

        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(4000);
        assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(1500);
    }

    @Test
    void uriTimeoutsWin() {
        MongoClientSettings settings = settings(
                "mongodb://127.0.0.1:27117/incidents?serverSelectionTimeoutMS=12000&connectTimeoutMS=7000",
                Duration.ofSeconds(4), Duration.ofMillis(1500));

        assertThat(settings.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS)).isEqualTo(12000);
        assertThat(settings.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS)).isEqualTo(7000);
    }

    @Test
    void zeroTimeoutIsRefused() {
        assertThatThrownBy(() -> settings("mongodb://127.0.0.1:27117/incidents", Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S")
                .hasMessageContaining("use positive durations");
    }
}
