package dev.incidents.command.servicelevel;

import dev.incidents.api.incident.Values;

import java.util.regex.Pattern;

/** The form of calendar and policy ids, which appear in URL paths, event streams and actor names. */
public final class ServiceLevelIds {

    public static final int MAX_LENGTH = 64;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");

    private ServiceLevelIds() {
    }

    /**
     * Returns the id after checking its form: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or a
     * digit, such as {@code 24x7} or {@code EMEA}.
     *
     * @param kind "calendar" or "policy", for the message
     */
    public static String require(String kind, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid " + kind + " id '" + Values.truncate(id) + "': use 1 to "
                    + MAX_LENGTH + " letters, digits, '.', '_' or '-', starting with a letter or a digit, such as"
                    + " EMEA or 24x7");
        }
        return id;
    }
}
