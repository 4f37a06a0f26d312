package dev.incidents.command.servicelevel;

import java.util.List;

/** The service levels file is missing, unreadable or breaks a rule; the message lists every problem found. */
public class InvalidServiceLevelsFileException extends RuntimeException {

    private final transient List<String> problems;

    public InvalidServiceLevelsFileException(String source, List<String> problems) {
        super("Invalid service levels file " + source + ":\n  - " + String.join("\n  - ", problems)
                + "\nFix the file and start again; docs/service-levels.md describes its format.");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
