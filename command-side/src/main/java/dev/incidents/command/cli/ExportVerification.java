package dev.incidents.command.cli;

import dev.incidents.api.audit.ExportVerifier;
import dev.incidents.api.audit.ExportVerifier.IncidentResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code verify-export} command: checks the hash chains of a CSV event export offline, with
 * {@link ExportVerifier}, and prints one line per incident followed by a total.
 */
final class ExportVerification {

    private final PrintStream out;
    private final PrintStream err;

    ExportVerification(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Returns {@link IncidentsCli#OK} when every incident is valid, else {@link IncidentsCli#FAILED}. */
    int run(Path file) {
        List<IncidentResult> results;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            results = ExportVerifier.verify(reader);
        } catch (NoSuchFileException e) {
            err.println("Cannot verify " + file + ": the file does not exist");
            return IncidentsCli.FAILED;
        } catch (IOException e) {
            err.println("Cannot verify " + file + ": reading it failed: " + e);
            return IncidentsCli.FAILED;
        } catch (IllegalArgumentException e) {
            err.println("Cannot verify " + file + ": " + e.getMessage());
            return IncidentsCli.FAILED;
        }

        long invalid = 0;
        for (IncidentResult result : results) {
            if (result.valid()) {
                out.println("valid    " + result.incidentId() + " (" + result.rows() + " rows)");
            } else {
                invalid++;
                out.println("INVALID  " + result.incidentId() + " (" + result.rows() + " rows): first broken row on"
                        + " line " + result.firstBrokenLine() + ", sequence number " + result.firstBrokenSequence()
                        + ": " + result.reason());
            }
        }
        out.println(results.size() + " incidents verified in " + file + ": " + (results.size() - invalid)
                + " valid, " + invalid + " invalid");
        return invalid == 0 ? IncidentsCli.OK : IncidentsCli.FAILED;
    }
}
