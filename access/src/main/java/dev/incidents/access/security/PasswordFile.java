package dev.incidents.access.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The password file: one {@code user:{id}hash} line per user, where {@code {id}} names the encoding of Spring
 * Security's {@code DelegatingPasswordEncoder} (such as {@code {bcrypt}}). Blank lines and lines starting with
 * {@code #} are skipped. A line without an encoding id is rejected, so a clear password never passes as a hash.
 */
public final class PasswordFile {

    private static final Pattern ENCODED = Pattern.compile("\\{[A-Za-z0-9_.-]+}\\S+");

    private PasswordFile() {
    }

    /** Reads the file into encoded passwords by user id, in file order. */
    public static Map<String, String> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Map<String, String> hashes = new LinkedHashMap<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("password file " + file + ", line " + number
                        + ": expected user:{bcrypt}hash, found no user before ':'");
            }
            String user = line.substring(0, colon);
            String hash = line.substring(colon + 1);
            if (!ENCODED.matcher(hash).matches()) {
                throw new IllegalStateException("password file " + file + ", line " + number + " (user '" + user
                        + "'): the password is not an encoded hash such as {bcrypt}$2a$...; store hashes only");
            }
            if (hashes.putIfAbsent(user, hash) != null) {
                throw new IllegalStateException("password file " + file + ", line " + number + ": user '" + user
                        + "' is listed twice");
            }
        }
        return hashes;
    }
}
