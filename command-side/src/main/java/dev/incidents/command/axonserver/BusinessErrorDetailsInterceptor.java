package dev.incidents.command.axonserver;

import java.util.List;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.incidents.api.error.CommandRejection;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.error.InputRejection;
import dev.incidents.command.incident.IncidentRuleViolation;

/**
 * Turns the business errors of command handlers into {@link CommandExecutionException}s whose details carry the
 * stable error code. Axon Server passes on a handler's message and details but not its exception class, so without
 * this a rule violation would reach the sender as an anonymous failure and become HTTP 500. Other failures pass
 * unchanged.
 */
public class BusinessErrorDetailsInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(BusinessErrorDetailsInterceptor.class);

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (IncidentRuleViolation violation) {
            throw new CommandExecutionException(violation.getMessage(), violation, violation.rejection());
        } catch (AggregateNotFoundException notFound) {
            String command = unitOfWork.getMessage().getCommandName();
            String incidentId = String.valueOf(notFound.getAggregateIdentifier());
            String message = "No incident has the id " + incidentId + ".";
            log.debug("Command {} names the unknown aggregate {}", command, incidentId);
            throw new CommandExecutionException(message, notFound, new CommandRejection(ErrorCode.INCIDENT_NOT_FOUND,
                    incidentId, command, null, List.of(), message));
        } catch (IllegalArgumentException invalid) {
            String message = invalid.getMessage() == null ? "A value of the command is invalid." : invalid.getMessage();
            throw new CommandExecutionException(message, invalid, new InputRejection(ErrorCode.INVALID_INPUT, message));
        }
    }
}
