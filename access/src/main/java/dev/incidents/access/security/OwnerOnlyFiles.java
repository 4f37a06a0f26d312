package dev.incidents.access.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Writes files that hold secrets, readable and writable by their owner only, in folders only the owner may enter. */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /**
     * Writes a temporary file created with owner-only permissions before any secret goes into it, then moves it in
     * place, so the secret is never readable by others, not even for a moment. A missing folder is created
     * {@code rwx------}; an existing folder keeps its permissions.
     */
    public static void write(Path file, String content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
            // The umask can only narrow the permissions requested at creation. Setting them again makes the folder
            // exactly rwx------ whatever the umask.
            Files.setPosixFilePermissions(folder, OWNER_FOLDER);
        }
        Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_FILE));
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
