package dev.incidents.command.axonserver;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Registers the {@link BusinessErrorDetailsInterceptor} on the command bus in Axon Server mode. Axon Server's command
 * bus hands it to its local segment, where the handlers run, so errors leave this process with their code. The
 * embedded default needs no interceptor, because the sender there receives the handler's own exception.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
class BusinessErrorDetailsRegistration {

    BusinessErrorDetailsRegistration(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new BusinessErrorDetailsInterceptor());
    }
}
