package dev.incidents.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.incidents.api.incident.AddWorkNoteCommand;
import dev.incidents.command.CommandSideApplication;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops the command side while a command is being handled: with server.shutdown=graceful, Tomcat stops taking new
 * requests but lets the one in flight finish, and the event store and the command bus stay up until it has.
 */
class GracefulShutdownIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SLOW_NOTE = "slow note";
    private static final Duration HANDLING_TIME = Duration.ofSeconds(3);

    @Test
    void shutdownWaitsForCommandInFlight() throws Exception {
        Path dataDir = Files.createTempDirectory("graceful-shutdown-test");
        SpringApplication application = new SpringApplication(CommandSideApplication.class, SlowNotes.class);
        ConfigurableApplicationContext context = application.run(
                "--server.port=0",
                "--incidents.store.data-dir=" + dataDir,
                "--incidents.store.h2-port=" + freePort(),
                "--incidents.store.mongo-port=" + freePort(),
                "--incidents.organisation.file=" + TemporaryStores.ORGANISATION_FILE,
                "--incidents.service-levels.file=" + TemporaryStores.SERVICE_LEVELS_FILE,
                "--incidents.security.bcrypt-strength=4");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        TestUsers users = TestUsers.of(dataDir);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> reported = http.send(post(port, users, "/api/incidents", """
                {"summary": "Scanner jams", "requester": "rita", "impact": "LOW", "urgency": "LOW"}"""),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reported.statusCode()).isEqualTo(201);
        String id = JSON.readTree(reported.body()).get("incidentId").asText();
        long reportedVersion = Long.parseLong(reported.headers().firstValue("ETag").orElseThrow().replace("\"", ""));

        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(post(port, users,
                "/api/incidents/" + id + "/work-notes", "{\"text\": \"" + SLOW_NOTE + "\"}"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(SlowNotes.started.await(30, TimeUnit.SECONDS)).as("the slow command started").isTrue();
        long shutdownStart = System.nanoTime();
        Thread shutdown = new Thread(context::close, "shutdown");
        shutdown.start();

        HttpResponse<String> response = slow.get(60, TimeUnit.SECONDS);
        shutdown.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(response.statusCode()).as("response to the command in flight: %s", response.body())
                .isEqualTo(200);
        // The note's event was stored: the version is the one after the report.
        assertThat(response.headers().firstValue("ETag")).hasValue("\"" + (reportedVersion + 1) + "\"");
        assertThat(shutdown.isAlive()).as("shutdown still running").isFalse();
        assertThat(context.isActive()).isFalse();
        // The shutdown took more than half the handling time, so it waited for the command instead of cutting it off.
        assertThat(Duration.ofNanos(System.nanoTime() - shutdownStart)).isGreaterThan(HANDLING_TIME.dividedBy(2));
    }

    private static HttpRequest post(int port, TestUsers users, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", users.authorization("desk"))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Holds a work note with the text {@value #SLOW_NOTE} for {@link #HANDLING_TIME} before handling it. A source
     * of this test's application only, so no other test's context scans it.
     */
    static class SlowNotes implements MessageHandlerInterceptor<CommandMessage<?>> {

        static final CountDownLatch started = new CountDownLatch(1);

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            if (unitOfWork.getMessage().getPayload() instanceof AddWorkNoteCommand note
                    && SLOW_NOTE.equals(note.text())) {
                started.countDown();
                Thread.sleep(HANDLING_TIME.toMillis());
            }
            return chain.proceed();
        }
    }
}
