package dev.incidents.access.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedPasswordCacheTest {

    private final CountingEncoder slow = new CountingEncoder();
    private final AtomicLong now = new AtomicLong(1_000);
    private final VerifiedPasswordCache cache = new VerifiedPasswordCache(slow, Duration.ofNanos(100), 3, now::get);

    @Test
    void matchIsCheckedOnceWithinTimeToLive() {
        assertThat(cache.matches("secret", "hash:secret")).isTrue();
        assertThat(cache.matches("secret", "hash:secret")).isTrue();
        assertThat(slow.checks.get()).isEqualTo(1);

        now.addAndGet(100);
        assertThat(cache.matches("secret", "hash:secret")).isTrue();
        assertThat(slow.checks.get()).isEqualTo(2);
    }

    @Test
    void wrongPasswordIsCheckedEveryTime() {
        assertThat(cache.matches("secret", "hash:secret")).isTrue();

        assertThat(cache.matches("guess", "hash:secret")).isFalse();
        assertThat(cache.matches("guess", "hash:secret")).isFalse();
        assertThat(slow.checks.get()).isEqualTo(3);
    }

    @Test
    void changedStoredHashIsCheckedAgain() {
        assertThat(cache.matches("secret", "hash:secret")).isTrue();

        assertThat(cache.matches("secret", "hash:other")).isFalse();
        assertThat(slow.checks.get()).isEqualTo(2);
    }

    @Test
    void fullCacheStartsAfresh() {
        for (String password : new String[] {"a", "b", "c", "d"}) {
            assertThat(cache.matches(password, "hash:" + password)).isTrue();
        }

        assertThat(cache.matches("a", "hash:a")).isTrue();
        assertThat(cache.matches("d", "hash:d")).isTrue();
        assertThat(slow.checks.get()).isEqualTo(5);
    }

    @Test
    void zeroTimeToLiveIsRefused() {
        assertThatThrownBy(() -> new VerifiedPasswordCache(slow, Duration.ZERO, 3, now::get))
                .hasMessageContaining("PT0S");
    }

    /** Accepts the password that follows {@code hash:} in the stored value, and counts the checks. */
    private static final class CountingEncoder implements PasswordEncoder {

        private final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence rawPassword) {
            return "hash:" + rawPassword;
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            checks.incrementAndGet();
            return encodedPassword.equals("hash:" + rawPassword);
        }
    }
}
