package dev.incidents.systemtests.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a parsed docker-compose.yml against what the distributed stack needs, without a Docker engine, and returns
 * one message per problem. The services are Axon Server, MongoDB, the command side and two query sides. The
 * application services are built from Dockerfiles in the repository, so their text is checked too.
 */
final class ComposeRequirements {

    static final String AXON_SERVER = "axonserver";
    static final String MONGODB = "mongodb";
    static final String COMMAND_SIDE = "command-side";
    static final List<String> QUERY_SIDES = List.of("query-side-1", "query-side-2");

    /** Variables every application container needs with the axonserver profile, besides those its files name. */
    private static final List<String> AXON_SERVER_VARIABLES = List.of("SPRING_PROFILES_ACTIVE",
            "AXON_AXONSERVER_SERVERS", "AXON_AXONSERVER_CONTEXT", "AXON_AXONSERVER_TOKEN",
            "AXON_AXONSERVER_SSLENABLED", "INCIDENTS_MONGO_URI", "SERVER_ADDRESS");
    /** An environment variable in a Spring placeholder: upper case, then an optional default after a colon. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:?)");
    /** A value that only refers to a variable compose must find set, such as ${AXON_SERVER_TOKEN:?message}. */
    private static final Pattern REQUIRED_REFERENCE = Pattern.compile("\\$\\{[A-Z][A-Z0-9_]*:\\?[^}]*}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|TOKEN|SECRET).*");
    private static final Pattern URI_USER_INFO = Pattern.compile("://([^/@]*)@");

    private final Path repositoryRoot;
    private final List<String> problems = new ArrayList<>();

    private ComposeRequirements(Path repositoryRoot) {
        this.repositoryRoot = repositoryRoot;
    }

    /** Returns the problems of {@code compose}, parsed from YAML; empty when it meets every requirement. */
    static List<String> check(Map<String, Object> compose, Path repositoryRoot) {
        ComposeRequirements requirements = new ComposeRequirements(repositoryRoot);
        requirements.checkStack(compose);
        return requirements.problems;
    }

    private void checkStack(Map<String, Object> compose) {
        Map<String, Object> services = map(compose.get("services"));
        Set<String> declaredVolumes = map(compose.get("volumes")).keySet();
        List<String> expected = new ArrayList<>(List.of(AXON_SERVER, MONGODB, COMMAND_SIDE));
        expected.addAll(QUERY_SIDES);
        for (String name : expected) {
            if (!services.containsKey(name)) {
                problems.add("service " + name + " is missing");
            }
        }

        for (Map.Entry<String, Object> service : services.entrySet()) {
            checkCommon(service.getKey(), map(service.getValue()), services, declaredVolumes);
        }
        if (services.containsKey(AXON_SERVER)) {
            checkAxonServer(map(services.get(AXON_SERVER)));
        }
        if (services.containsKey(MONGODB)) {
            checkMongoDb(map(services.get(MONGODB)));
        }
        if (services.containsKey(COMMAND_SIDE)) {
            checkApplication(COMMAND_SIDE, map(services.get(COMMAND_SIDE)), List.of(AXON_SERVER, MONGODB));
        }
        for (String querySide : QUERY_SIDES) {
            if (services.containsKey(querySide)) {
                checkApplication(querySide, map(services.get(querySide)),
                        List.of(AXON_SERVER, MONGODB, COMMAND_SIDE));
            }
        }
    }

    /** Health check, resource limits, declared volumes, pinned images and no literal secrets, for every service. */
    private void checkCommon(String name, Map<String, Object> service, Map<String, Object> services,
                             Set<String> declaredVolumes) {
        if (list(map(service.get("healthcheck")).get("test")).isEmpty()) {
            problems.add("service " + name + " has no health check test");
        }
        Map<String, Object> limits = map(map(map(service.get("deploy")).get("resources")).get("limits"));
        if (!limits.containsKey("cpus") || !limits.containsKey("memory")) {
            problems.add("service " + name + " has no cpus and memory limits under deploy.resources.limits");
        }
        if (!service.containsKey("build")) {
            String image = String.valueOf(service.get("image"));
            String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
            if (tag.isEmpty() || tag.equals("latest") || tag.contains("/")) {
                problems.add("service " + name + " uses image " + image + " without a pinned tag");
            }
        }
        for (Object volume : list(service.get("volumes"))) {
            String source = String.valueOf(volume).split(":")[0];
            if (!source.startsWith(".") && !source.startsWith("/") && !declaredVolumes.contains(source)) {
                problems.add("service " + name + " mounts volume " + source + ", which the top-level volumes lack");
            }
        }
        for (Map.Entry<String, Object> dependency : map(service.get("depends_on")).entrySet()) {
            if (!services.containsKey(dependency.getKey())) {
                problems.add("service " + name + " depends on " + dependency.getKey() + ", which does not exist");
            }
        }
        for (Map.Entry<String, String> variable : environment(service).entrySet()) {
            checkNoLiteralSecret(name, variable.getKey(), variable.getValue());
        }
    }

    private void checkNoLiteralSecret(String service, String variable, String value) {
        if (SECRET_NAME.matcher(variable).matches() && !REQUIRED_REFERENCE.matcher(value).matches()) {
            problems.add("service " + service + " sets " + variable + " to a literal value; use ${NAME:?message}");
        }
        Matcher userInfo = URI_USER_INFO.matcher(value);
        if (userInfo.find() && !userInfo.group(1).replaceAll(REQUIRED_REFERENCE.pattern(), "").equals(":")) {
            problems.add("service " + service + " puts literal credentials into the URI of " + variable);
        }
    }

    private void checkAxonServer(Map<String, Object> service) {
        if (!String.valueOf(service.get("image")).startsWith("axoniq/axonserver:")) {
            problems.add("service axonserver does not run the official image axoniq/axonserver");
        }
        for (String port : List.of("8024", "8124")) {
            if (!containerPorts(service).contains(port)) {
                problems.add("service axonserver does not publish port " + port);
            }
        }
        if (list(service.get("volumes")).isEmpty()) {
            problems.add("service axonserver keeps its events in no volume");
        }
    }

    private void checkMongoDb(Map<String, Object> service) {
        String start = String.valueOf(service.get("entrypoint")) + service.get("command");
        if (!start.contains("--replSet")) {
            problems.add("service mongodb does not start mongod with --replSet");
        }
        if (!String.valueOf(map(service.get("healthcheck")).get("test")).contains("rs.initiate")) {
            problems.add("service mongodb's health check does not initiate the replica set");
        }
        if (list(service.get("volumes")).isEmpty()) {
            problems.add("service mongodb keeps its data in no volume");
        }
    }

    /**
     * Checks that the service is built from a Dockerfile of the repository and starts after the services it needs are
     * healthy. It must run the axonserver profile, check /actuator/health and get every environment variable that
     * the module's configuration files name without a default.
     */
    private void checkApplication(String name, Map<String, Object> service, List<String> needs) {
        Map<String, Object> build = map(service.get("build"));
        Path context = repositoryRoot.resolve(String.valueOf(build.getOrDefault("context", "."))).normalize();
        Path dockerfile = context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")));
        if (!Files.isDirectory(context) || !Files.isRegularFile(dockerfile)) {
            problems.add("service " + name + " is built from " + dockerfile + ", which does not exist");
            return;
        }
        String dockerfileText = read(dockerfile);
        problems.addAll(DockerfileRequirements.check(name, dockerfileText, context));

        Map<String, Object> dependsOn = map(service.get("depends_on"));
        for (String needed : needs) {
            Object condition = map(dependsOn.get(needed)).get("condition");
            if (!"service_healthy".equals(condition)) {
                problems.add("service " + name + " does not wait until " + needed + " is healthy (condition "
                        + condition + ")");
            }
        }
        if (!String.valueOf(map(service.get("healthcheck")).get("test")).contains("/actuator/health")) {
            problems.add("service " + name + "'s health check does not call /actuator/health");
        }
        if (containerPorts(service).isEmpty()) {
            problems.add("service " + name + " publishes no port");
        }

        Map<String, String> supplied = new LinkedHashMap<>(DockerfileRequirements.environment(dockerfileText));
        supplied.putAll(environment(service));
        if (!"axonserver".equals(supplied.get("SPRING_PROFILES_ACTIVE"))) {
            problems.add("service " + name + " does not set SPRING_PROFILES_ACTIVE=axonserver");
        }
        if (!"0.0.0.0".equals(supplied.get("SERVER_ADDRESS"))) {
            problems.add("service " + name + " does not bind the server to 0.0.0.0 through SERVER_ADDRESS");
        }
        Set<String> required = new LinkedHashSet<>(AXON_SERVER_VARIABLES);
        required.addAll(variablesWithoutDefault(dockerfile.getParent()));
        for (String variable : required) {
            if (!supplied.containsKey(variable)) {
                problems.add("service " + name + " lacks the environment variable " + variable);
            }
        }
    }

    /** Returns the environment variables the module's application*.yml and *.properties name without a default. */
    static Set<String> variablesWithoutDefault(Path module) {
        Path resources = module.resolve("src/main/resources");
        Set<String> variables = new LinkedHashSet<>();
        if (!Files.isDirectory(resources)) {
            return variables;
        }
        try (Stream<Path> files = Files.list(resources)) {
            for (Path file : files.filter(ComposeRequirements::isApplicationConfiguration).toList()) {
                Matcher placeholder = PLACEHOLDER.matcher(read(file));
                while (placeholder.find()) {
                    if (placeholder.group(2).isEmpty()) {
                        variables.add(placeholder.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to list " + resources, e);
        }
        return variables;
    }

    private static boolean isApplicationConfiguration(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("application") && (name.endsWith(".yml") || name.endsWith(".yaml")
                || name.endsWith(".properties"));
    }

    /** Returns the container side of each published port, such as 8081 for "127.0.0.1:8082:8081". */
    private static List<String> containerPorts(Map<String, Object> service) {
        return list(service.get("ports")).stream()
                .map(String::valueOf)
                .map(port -> port.substring(port.lastIndexOf(':') + 1))
                .toList();
    }

    /** Returns the service's environment, written as a map or as a list of NAME=value entries. */
    static Map<String, String> environment(Map<String, Object> service) {
        Object environment = service.get("environment");
        Map<String, String> variables = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> variables.put(String.valueOf(key), String.valueOf(value)));
        } else {
            for (Object entry : list(environment)) {
                String[] parts = String.valueOf(entry).split("=", 2);
                variables.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return variables;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static List<Object> list(Object value) {
        if (value instanceof List<?> list) {
            return List.copyOf(list);
        }
        return value == null ? List.of() : List.of(value);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + file, e);
        }
    }
}
