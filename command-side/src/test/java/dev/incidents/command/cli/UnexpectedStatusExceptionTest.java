package dev.incidents.command.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class UnexpectedStatusExceptionTest {

    private static final URI URI_OF_IMPORTS = URI.create("http://127.0.0.1:8080/api/imports");

    @Test
    void messageUsesProblemDetail() {
        IOException e = new JsonHttp.UnexpectedStatusException("POST", URI_OF_IMPORTS, 400,
                "{\"title\":\"Invalid input\",\"status\":400,\"detail\":\"unknown import format 'csv'\"}");

        assertThat(e.getMessage())
                .isEqualTo("POST http://127.0.0.1:8080/api/imports returned HTTP 400: unknown import format 'csv'");
        assertThat(HealthCheck.describe(e)).isEqualTo(e.getMessage());
    }

    @Test
    void messageFallsBackToRawBody() {
        IOException e = new JsonHttp.UnexpectedStatusException("GET", URI_OF_IMPORTS, 502, "  Bad Gateway \n");

        assertThat(e.getMessage()).isEqualTo("GET http://127.0.0.1:8080/api/imports returned HTTP 502: Bad Gateway");
    }

    @Test
    void messageShortensLongBody() {
        IOException e = new JsonHttp.UnexpectedStatusException("GET", URI_OF_IMPORTS, 500, "x".repeat(600));

        assertThat(e.getMessage()).endsWith(": " + "x".repeat(500) + "...");
    }

    @Test
    void messageWithoutBodyEndsAtStatus() {
        IOException e = new JsonHttp.UnexpectedStatusException("GET", URI_OF_IMPORTS, 404, "");

        assertThat(e.getMessage()).isEqualTo("GET http://127.0.0.1:8080/api/imports returned HTTP 404");
    }

    @Test
    void describeNamesExceptionWithoutMessage() {
        assertThat(HealthCheck.describe(new ConnectException())).isEqualTo("ConnectException");
        assertThat(HealthCheck.describe(new IOException("closed"))).isEqualTo("IOException (closed)");
    }
}
