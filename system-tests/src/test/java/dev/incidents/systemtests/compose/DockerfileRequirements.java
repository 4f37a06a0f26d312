package dev.incidents.systemtests.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the text of an application's Dockerfile: a multi-stage build, sources it copies that exist in the build
 * context, and a final stage that runs as a user other than root.
 */
final class DockerfileRequirements {

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");

    private DockerfileRequirements() {
    }

    static List<String> check(String service, String dockerfile, Path context) {
        List<String> problems = new ArrayList<>();
        List<String> instructions = instructions(dockerfile);
        List<String> stages = instructions.stream().filter(line -> keyword(line).equals("FROM")).toList();
        if (stages.size() < 2) {
            problems.add("the Dockerfile of " + service + " has " + stages.size() + " stage(s); build the jar in a "
                    + "separate stage");
        }

        int lastFrom = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (keyword(instructions.get(i)).equals("FROM")) {
                lastFrom = i;
            }
        }
        String user = null;
        for (String line : instructions.subList(lastFrom + 1, instructions.size())) {
            if (keyword(line).equals("USER")) {
                user = argument(line).split(":")[0];
            }
        }
        if (user == null || user.equals("root") || user.equals("0")) {
            problems.add("the final stage of the Dockerfile of " + service + " runs as " + (user == null ? "root "
                    + "(no USER)" : user) + "; add USER with an unprivileged user");
        }

        for (String line : instructions) {
            if (keyword(line).equals("COPY") && !line.contains("--from=")) {
                String[] parts = argument(line).split("\\s+");
                for (int i = 0; i < parts.length - 1; i++) {
                    if (!parts[i].startsWith("--") && !Files.exists(context.resolve(parts[i]))) {
                        problems.add("the Dockerfile of " + service + " copies " + parts[i] + ", which the build "
                                + "context lacks");
                    }
                }
            }
        }
        return problems;
    }

    /** Returns the variables that ENV instructions set, in the NAME=value form. */
    static Map<String, String> environment(String dockerfile) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : instructions(dockerfile)) {
            if (keyword(line).equals("ENV")) {
                Matcher pair = ENV_PAIR.matcher(argument(line));
                while (pair.find()) {
                    variables.put(pair.group(1), pair.group(2).replace("\"", ""));
                }
            }
        }
        return variables;
    }

    /** Returns the instructions with their continuation lines joined, without comments and blank lines. */
    private static List<String> instructions(String dockerfile) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                instructions.add(current.append(trimmed).toString());
                current.setLength(0);
            }
        }
        return instructions;
    }

    private static String keyword(String instruction) {
        return instruction.split("\\s+", 2)[0].toUpperCase();
    }

    private static String argument(String instruction) {
        String[] parts = instruction.split("\\s+", 2);
        return parts.length > 1 ? parts[1].strip() : "";
    }
}
