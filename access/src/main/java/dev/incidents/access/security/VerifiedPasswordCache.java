package dev.incidents.access.security;

import org.springframework.security.crypto.password.PasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers for a while the passwords that matched their stored hash. A client that sends HTTP Basic credentials
 * with every request then pays for the bcrypt check (tens of milliseconds of CPU at strength 10) once per period,
 * not on every request. A profile of the BPI Challenge 2013 replay found bcrypt to be the largest
 * single cost of both servers, spent on the replay client's progress polls.
 *
 * <p>An entry's key is an HMAC-SHA256 of the stored hash and the presented password, under a key drawn at start and
 * kept only in memory, so the cache keeps neither the password nor anything that can be attacked offline without
 * that key. A new stored hash (a changed password file) never matches an old entry. Only matches are remembered: a
 * wrong password goes through the slow check every time.
 */
final class VerifiedPasswordCache implements PasswordEncoder {

    private static final String HMAC = "HmacSHA256";

    private final PasswordEncoder delegate;
    private final long timeToLiveNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private final SecretKeySpec key;
    private final Map<String, Long> expiryByKey = new ConcurrentHashMap<>();

    /**
     * @param timeToLive how long a match is remembered
     * @param maxEntries entries kept at most; the cache is emptied when it is full, which only costs slow checks
     * @param nanoTime   the clock of the expiry, {@link System#nanoTime()} outside tests
     */
    VerifiedPasswordCache(PasswordEncoder delegate, Duration timeToLive, int maxEntries, LongSupplier nanoTime) {
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("invalid password cache time to live " + timeToLive
                    + ": use a positive duration, or no cache");
        }
        this.delegate = delegate;
        this.timeToLiveNanos = timeToLive.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }

        String entry = entryKey(rawPassword, encodedPassword);
        long now = nanoTime.getAsLong();
        Long expiry = expiryByKey.get(entry);
        if (expiry != null && now - expiry < 0) {
            return true;
        }

        boolean matched = delegate.matches(rawPassword, encodedPassword);
        if (matched) {
            if (expiryByKey.size() >= maxEntries) {
                expiryByKey.clear();
            }
            expiryByKey.put(entry, now + timeToLiveNanos);
        } else {
            expiryByKey.remove(entry);
        }
        return matched;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String entryKey(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            // A separator that neither a bcrypt hash nor a typed password contains keeps the two parts apart.
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(
                    mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
