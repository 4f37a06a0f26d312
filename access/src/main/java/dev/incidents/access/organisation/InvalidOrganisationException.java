package dev.incidents.access.organisation;

import java.util.List;

/** The organisation file is missing, unreadable or breaks a rule; the message lists every problem found. */
public class InvalidOrganisationException extends RuntimeException {

    private final transient List<String> problems;

    public InvalidOrganisationException(String source, List<String> problems) {
        super("Invalid organisation file " + source + ":\n  - " + String.join("\n  - ", problems)
                + "\nFix the file and start again; docs/security.md describes its format.");
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
