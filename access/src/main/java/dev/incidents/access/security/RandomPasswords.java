package dev.incidents.access.security;

import java.security.SecureRandom;

/** Generates passwords of letters and digits from a {@link SecureRandom}. */
public final class RandomPasswords {

    /** Length of a generated password: 20 characters of 62 give about 119 bits. */
    public static final int LENGTH = 20;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random;

    public RandomPasswords(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
