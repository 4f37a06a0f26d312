package dev.incidents.systemtests.compose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.incidents.systemtests.compose.ComposeRequirements.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks docker-compose.yml and the Dockerfiles it builds without a Docker engine: the file is parsed as YAML and
 * each service is held to what the distributed stack needs. The tests after the first break one requirement of
 * the real file each, to show the check notices.
 */
class DockerComposeFileTest {

    private static final Path REPOSITORY_ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE_FILE = REPOSITORY_ROOT.resolve("docker-compose.yml");

    @Test
    void composeFileMeetsEveryRequirement() {
        List<String> problems = ComposeRequirements.check(compose(), REPOSITORY_ROOT);

        assertThat(problems).as("problems of %s", COMPOSE_FILE).isEmpty();
    }

    @Test
    void missingQuerySideIsReported() {
        Map<String, Object> compose = compose();
        map(compose.get("services")).remove("query-side-2");

        assertThat(ComposeRequirements.check(compose, REPOSITORY_ROOT)).contains("service query-side-2 is missing");
    }

    @Test
    void dependencyWithoutHealthConditionIsReported() {
        Map<String, Object> compose = compose();
        Map<String, Object> commandSide = map(map(compose.get("services")).get("command-side"));
        map(map(commandSide.get("depends_on")).get("mongodb")).put("condition", "service_started");

        assertThat(ComposeRequirements.check(compose, REPOSITORY_ROOT)).contains(
                "service command-side does not wait until mongodb is healthy (condition service_started)");
    }

    @Test
    void missingEnvironmentVariableIsReported() {
        Map<String, Object> compose = compose();
        Map<String, Object> querySide = map(map(compose.get("services")).get("query-side-1"));
        // Replaced by a copy, because the parser may share the merged mapping with the other services.
        Map<String, Object> environment = new LinkedHashMap<>(map(querySide.get("environment")));
        environment.remove("INCIDENTS_MONGO_URI");
        querySide.put("environment", environment);

        assertThat(ComposeRequirements.check(compose, REPOSITORY_ROOT)).contains(
                "service query-side-1 lacks the environment variable INCIDENTS_MONGO_URI");
    }

    @Test
    void literalTokenIsReported() {
        Map<String, Object> compose = compose();
        Map<String, Object> axonServer = map(map(compose.get("services")).get("axonserver"));
        map(axonServer.get("environment")).put("AXONIQ_AXONSERVER_ACCESSCONTROL_TOKEN", "0123456789abcdef");

        assertThat(ComposeRequirements.check(compose, REPOSITORY_ROOT)).contains("service axonserver sets "
                + "AXONIQ_AXONSERVER_ACCESSCONTROL_TOKEN to a literal value; use ${NAME:?message}");
    }

    @Test
    void unpinnedImageAndMissingLimitsAreReported() {
        Map<String, Object> compose = compose();
        Map<String, Object> mongodb = map(map(compose.get("services")).get("mongodb"));
        mongodb.put("image", "mongo:latest");
        mongodb.remove("deploy");

        assertThat(ComposeRequirements.check(compose, REPOSITORY_ROOT)).contains(
                "service mongodb uses image mongo:latest without a pinned tag",
                "service mongodb has no cpus and memory limits under deploy.resources.limits");
    }

    @Test
    void dockerfileRunningAsRootIsReported() {
        String dockerfile = """
                FROM eclipse-temurin:17-jdk AS build
                RUN ./mvnw package
                FROM eclipse-temurin:17-jre
                USER 10001
                COPY --from=build /build/app.jar app.jar
                USER root
                """;

        assertThat(DockerfileRequirements.check("command-side", dockerfile, REPOSITORY_ROOT)).containsExactly(
                "the final stage of the Dockerfile of command-side runs as root; add USER with an unprivileged user");
    }

    @Test
    void placeholdersWithoutDefaultAreRequired(@TempDir Path module) throws IOException {
        Path resources = Files.createDirectories(module.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application-axonserver.yml"), """
                axon:
                  axonserver:
                    token: ${AXON_AXONSERVER_TOKEN}
                    context: ${AXON_AXONSERVER_CONTEXT:default}
                spring.data.mongodb.uri: ${INCIDENTS_MONGO_URI:mongodb://127.0.0.1:${incidents.store.mongo-port}/x}
                """);
        Files.writeString(resources.resolve("application.properties"), "incidents.secret=${INCIDENTS_SECRET}\n");
        Files.writeString(resources.resolve("logback.xml"), "<configuration>${IGNORED}</configuration>");

        assertThat(ComposeRequirements.variablesWithoutDefault(module))
                .containsExactlyInAnyOrder("AXON_AXONSERVER_TOKEN", "INCIDENTS_SECRET");
    }

    private static Map<String, Object> compose() {
        return new Yaml().load(ComposeRequirements.read(COMPOSE_FILE));
    }
}
