package dev.incidents.command.web;

import dev.incidents.access.CurrentCaller;
import dev.incidents.api.access.Caller;
import dev.incidents.api.access.Role;
import dev.incidents.api.error.CommandRejection;
import dev.incidents.api.error.ErrorCode;
import dev.incidents.api.incident.SupportGroupId;
import dev.incidents.api.incident.UserId;
import dev.incidents.command.axonserver.BusinessErrorDetailsInterceptor;
import dev.incidents.command.incident.IncidentRuleViolation;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Maps business errors that arrive from a remote command handler, as Axon Server delivers them, to the same problem
 * details as the local exceptions of the embedded default. The remote path runs Axon Server's own serializer of
 * command results on the handler side and on the sender side, so the sender gets a {@link CommandExecutionException}
 * whose details survived and whose cause class did not.
 */
class RemoteCommandErrorsTest {

    private static final Caller SERVICE_DESK = new Caller(new UserId("alice"), Set.of(Role.SERVICE_DESK),
            List.of(new SupportGroupId("SERVICE-DESK")), Set.of(), 1);
    private static final Caller REQUESTER = new Caller(new UserId("rita"), Set.of(Role.REQUESTER), List.of(),
            Set.of(), 1);

    private final CommandSerializer wire = new CommandSerializer(JacksonSerializer.defaultSerializer(),
            new AxonServerConfiguration());

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = "INCIDENT_NOT_FOUND", mode = EnumSource.Mode.EXCLUDE)
    void ruleViolationKeepsItsProblem(ErrorCode code) {
        IncidentRuleViolation violation = new IncidentRuleViolation(new CommandRejection(code, "INC-7", "resolve",
                "NEW", List.of("assign", "cancel"), "resolve is not allowed in state NEW"));
        ProblemDetailsAdvice advice = advice(SERVICE_DESK);

        ProblemDetail local = advice.ruleViolation(violation, request());
        CommandExecutionException remote = remoteFailure(violation);
        ProblemDetail mapped = advice.commandExecution(remote, request());

        assertThat(remote.getCause()).isNotInstanceOf(IncidentRuleViolation.class);
        assertThat(mapped.getStatus()).isEqualTo(local.getStatus());
        assertThat(mapped.getProperties()).containsEntry("code", code.name());
        assertThat(mapped).isEqualTo(local);
    }

    @Test
    void unknownIncidentIsNotFound() {
        AggregateNotFoundException notFound = new AggregateNotFoundException("INC-404", "not found");
        ProblemDetailsAdvice advice = advice(SERVICE_DESK);

        ProblemDetail local = advice.notFound(notFound, request());
        ProblemDetail mapped = advice.commandExecution(remoteFailure(notFound), request());

        assertThat(mapped.getStatus()).isEqualTo(404);
        assertThat(mapped.getProperties()).containsEntry("code", "INCIDENT_NOT_FOUND");
        assertThat(mapped).isEqualTo(local);
    }

    @Test
    void unknownIncidentOfRequesterIsForbidden() {
        AggregateNotFoundException notFound = new AggregateNotFoundException("INC-404", "not found");
        ProblemDetailsAdvice advice = advice(REQUESTER);

        ProblemDetail local = advice.notFound(notFound, request());
        ProblemDetail mapped = advice.commandExecution(remoteFailure(notFound), request());

        assertThat(mapped.getStatus()).isEqualTo(403);
        assertThat(mapped).isEqualTo(local);
    }

    @Test
    void invalidInputIsBadRequest() {
        IllegalArgumentException invalid = new IllegalArgumentException("warningThreshold 1.5 is outside (0, 1].");
        ProblemDetailsAdvice advice = advice(SERVICE_DESK);

        ProblemDetail local = advice.invalidValue(invalid, request());
        ProblemDetail mapped = advice.commandExecution(remoteFailure(invalid), request());

        assertThat(mapped.getStatus()).isEqualTo(400);
        assertThat(mapped.getProperties()).containsEntry("code", "INVALID_INPUT");
        assertThat(mapped).isEqualTo(local);
    }

    @Test
    void failureWithoutCodeIsServerError() {
        IllegalStateException fault = new IllegalStateException("disk full");

        ProblemDetail mapped = advice(SERVICE_DESK).commandExecution(remoteFailure(fault), request());

        assertThat(mapped.getStatus()).isEqualTo(500);
        assertThat(mapped.getProperties()).containsEntry("code", ProblemDetailsAdvice.COMMAND_FAILED);
    }

    /**
     * Throws {@code failure} from a command handler behind the interceptor, and returns what the sender receives
     * after the result went through Axon Server's serialization.
     */
    private CommandExecutionException remoteFailure(Exception failure) {
        CommandMessage<Object> command = GenericCommandMessage.asCommandMessage(new Object());
        DefaultUnitOfWork<CommandMessage<Object>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        Exception handlerFailure;
        try {
            new BusinessErrorDetailsInterceptor().handle(unitOfWork, () -> {
                throw failure;
            });
            throw new AssertionError("the interceptor swallowed " + failure);
        } catch (Exception e) {
            handlerFailure = e;
        } finally {
            unitOfWork.rollback();
        }

        CommandResponse response = wire.serialize(GenericCommandResultMessage.asCommandResultMessage(handlerFailure),
                "request-1");
        CommandResultMessage<Object> received = wire.deserialize(response);
        assertThat(received.isExceptional()).isTrue();
        return (CommandExecutionException) received.exceptionResult();
    }

    private static ProblemDetailsAdvice advice(Caller caller) {
        CurrentCaller currentCaller = () -> caller;
        // The refusal log is tested elsewhere; these tests compare only the problem details.
        return new ProblemDetailsAdvice(currentCaller, Mockito.mock(RejectedRequests.class));
    }

    private static MockHttpServletRequest request() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/incidents/INC-7/resolve");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("id", "INC-7"));
        return request;
    }
}
