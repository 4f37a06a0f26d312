package dev.incidents.command.monitoring;

import org.axonframework.actuator.axonserver.AxonServerHealthIndicator;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.springboot.autoconfig.AxonServerActuatorAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The Axon Server connection's health component comes from Axon's own starter (axon-spring-boot-autoconfigure
 * 4.13), so this project adds none. These checks pin down when it exists: only with
 * {@code axon.axonserver.enabled=true}, which the axonserver profile sets, and under the component name
 * {@code axonServer}.
 */
class AxonServerHealthTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AxonServerActuatorAutoConfiguration.class))
            .withBean(AxonServerConnectionManager.class, () -> mock(AxonServerConnectionManager.class));

    @Test
    void indicatorExistsWithAxonServer() {
        context.withPropertyValues("axon.axonserver.enabled=true").run(started -> {
            assertThat(started).hasSingleBean(AxonServerHealthIndicator.class);
            assertThat(started.getBeanNamesForType(AxonServerHealthIndicator.class))
                    .containsExactly("axonServerHealthIndicator");
        });
    }

    @Test
    void indicatorAbsentInEmbeddedDefault() {
        context.withPropertyValues("axon.axonserver.enabled=false")
                .run(started -> assertThat(started).doesNotHaveBean(AxonServerHealthIndicator.class));
    }
}
