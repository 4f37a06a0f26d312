package dev.incidents.command.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The users of a test's command side, with the passwords it generated into its data folder on start. */
final class TestUsers {

    private final Map<String, String> passwords = new HashMap<>();

    private TestUsers(Map<String, String> passwords) {
        this.passwords.putAll(passwords);
    }

    /** Reads the demo credentials file, one {@code user password roles} line per user. */
    static TestUsers of(Path dataDir) {
        Path file = credentialsFile(dataDir);
        try {
            Map<String, String> passwords = new HashMap<>();
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.split(" ");
                passwords.put(fields[0], fields[1]);
            }
            return new TestUsers(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo credentials " + file, e);
        }
    }

    static Path credentialsFile(Path dataDir) {
        return dataDir.resolve("security").resolve("demo-credentials");
    }

    String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no generated password for user " + user);
        }
        return password;
    }

    /** Returns the HTTP Basic Authorization header value of the user. */
    String authorization(String user) {
        return basic(user, password(user));
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
