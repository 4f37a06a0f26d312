package dev.incidents.benchmark.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Builds the serializer that the command side stores events with. There, {@code axon.serializer.events: jackson}
 * makes Axon 4.13's Spring Boot auto-configuration build a {@link JacksonSerializer} with an
 * {@link AnnotationRevisionResolver}, a {@link ChainingConverter} and the application's {@link ObjectMapper}. That
 * mapper is the one Spring Boot's {@link JacksonAutoConfiguration} creates, because the command side configures
 * no {@code spring.jackson} properties and no mapper of its own.
 */
final class ApplicationSerializer {

    private ApplicationSerializer() {
    }

    static JacksonSerializer create() {
        ObjectMapper mapper;
        try (AnnotationConfigApplicationContext context =
                     new AnnotationConfigApplicationContext(JacksonAutoConfiguration.class)) {
            mapper = context.getBean(ObjectMapper.class);
        }

        return JacksonSerializer.builder()
                .revisionResolver(new AnnotationRevisionResolver())
                .converter(new ChainingConverter(ApplicationSerializer.class.getClassLoader()))
                .objectMapper(mapper)
                .build();
    }
}
