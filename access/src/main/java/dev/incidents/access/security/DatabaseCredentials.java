package dev.incidents.access.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A database user and password, kept in an owner-only file of {@code username=...} and {@code password=...} lines
 * (Java properties syntax). The command side generates such files for the event store; the query side reads them.
 */
public record DatabaseCredentials(String username, String password) {

    private static final String USERNAME = "username";
    private static final String PASSWORD = "password";

    public DatabaseCredentials {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("a database user name must not be blank");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the database user " + username + " needs a password");
        }
    }

    /** Reads a file written by {@link #writeOwnerOnly}; the message of a failure names the file and the key. */
    public static DatabaseCredentials read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String username = properties.getProperty(USERNAME, "").strip();
        String password = properties.getProperty(PASSWORD, "").strip();
        if (username.isEmpty() || password.isEmpty()) {
            throw new IllegalStateException("The database credentials file " + file + " lacks "
                    + (username.isEmpty() ? USERNAME : PASSWORD) + "=...; it needs a " + USERNAME + " and a "
                    + PASSWORD + " line. Delete the file to have the command side generate it again.");
        }
        return new DatabaseCredentials(username, password);
    }

    /** Writes the file with {@link OwnerOnlyFiles}, so the password is never readable by other users. */
    public void writeOwnerOnly(Path file, String comment) throws IOException {
        OwnerOnlyFiles.write(file, "# " + comment + "\n" + USERNAME + "=" + username + "\n" + PASSWORD + "="
                + password + "\n");
    }

    /** Leaves the password out, so that logging the credentials never logs the secret. */
    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + "]";
    }
}
